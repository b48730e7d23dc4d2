import { useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import type {
  ArchiveSearchResponse,
  AuditResponse,
  BlockersResponse,
  ContributorsResponse,
  GlossaryResponse,
  InvitesResponse,
  MeetingResponse,
  MeetingsResponse,
  MembersResponse,
  TemplatesResponse,
  VersionsResponse,
  VisitResponse,
} from '../../../shared/src/api/responses.ts';
import type { ReportArchiveResponse, ReportMembersResponse, ReportResponse, ReportsResponse } from '../../../shared/src/api/reportResponses.ts';
import type { ReportModel } from '../../../shared/src/report/reportModel.ts';
import { api } from '../lib/api.ts';

/** Query keys: everything about one meeting starts with ['meeting', id], so it can be dropped at once. */
export const queryKeys = {
  meetings: ['meetings'] as const,
  templates: ['templates'] as const,
  meeting: (id: string) => ['meeting', id, 'info'] as const,
  members: (id: string) => ['meeting', id, 'members'] as const,
  invites: (id: string) => ['meeting', id, 'invites'] as const,
  glossary: (id: string) => ['meeting', id, 'glossary'] as const,
  contributors: (id: string) => ['meeting', id, 'contributors'] as const,
  visit: (id: string) => ['meeting', id, 'visit'] as const,
  versions: (id: string) => ['meeting', id, 'versions'] as const,
  blockers: (id: string) => ['meeting', id, 'blockers'] as const,
  audit: (id: string) => ['meeting', id, 'audit'] as const,
  archive: (query: string) => ['archive', query] as const,
  reports: ['reports'] as const,
  report: (id: string) => ['report', id, 'info'] as const,
  reportModel: (id: string) => ['report', id, 'model'] as const,
  reportMembers: (id: string) => ['report', id, 'members'] as const,
  reportArchive: (id: string) => ['report', id, 'archive'] as const,
};

const meetingPath = (id: string, rest = '') => `/meetings/${encodeURIComponent(id)}${rest}`;

/** Asks for a meeting's access info at start-up, alongside the session (see main.tsx). */
export function prefetchMeeting(client: QueryClient, id: string): void {
  void client.prefetchQuery({ queryKey: queryKeys.meeting(id), queryFn: () => api<MeetingResponse>('GET', meetingPath(id)) });
}

/** A GET of the API through the cache; `enabled: false` waits (e.g. for a search to be submitted). */
function useApiQuery<T>(queryKey: QueryKey, path: string, enabled = true) {
  return useQuery({ queryKey, queryFn: () => api<T>('GET', path), enabled });
}

export const useMeetingsQuery = () => useApiQuery<MeetingsResponse>(queryKeys.meetings, '/meetings');
export const useTemplatesQuery = () => useApiQuery<TemplatesResponse>(queryKeys.templates, '/templates');
export const useMeetingQuery = (id: string) => useApiQuery<MeetingResponse>(queryKeys.meeting(id), meetingPath(id));
export const useMembersQuery = (id: string) => useApiQuery<MembersResponse>(queryKeys.members(id), meetingPath(id, '/members'));
export const useInvitesQuery = (id: string) => useApiQuery<InvitesResponse>(queryKeys.invites(id), meetingPath(id, '/invites'));
export const useGlossaryQuery = (id: string) => useApiQuery<GlossaryResponse>(queryKeys.glossary(id), meetingPath(id, '/glossary'));
export const useContributorsQuery = (id: string) => useApiQuery<ContributorsResponse>(queryKeys.contributors(id), meetingPath(id, '/contributors'));
export const useVisitQuery = (id: string) => useApiQuery<VisitResponse>(queryKeys.visit(id), meetingPath(id, '/visit'));
export const useVersionsQuery = (id: string) => useApiQuery<VersionsResponse>(queryKeys.versions(id), meetingPath(id, '/versions'));
export const useBlockersQuery = (id: string) => useApiQuery<BlockersResponse>(queryKeys.blockers(id), meetingPath(id, '/blockers'));
export const useAuditQuery = (id: string) => useApiQuery<AuditResponse>(queryKeys.audit(id), meetingPath(id, '/audit'));
/** Archive records matching a query string (`meetingId=…`, `q=…`); null: nothing asked yet. */
export const useArchiveQuery = (query: string | null) => useApiQuery<ArchiveSearchResponse>(queryKeys.archive(query ?? ''), `/archive?${query ?? ''}`, query !== null);

export const reportPath = (id: string, rest = '') => `/reports/${encodeURIComponent(id)}${rest}`;
export const useReportsQuery = () => useApiQuery<ReportsResponse>(queryKeys.reports, '/reports');
export const useReportQuery = (id: string) => useApiQuery<ReportResponse>(queryKeys.report(id), reportPath(id));
export const useReportArchiveQuery = (id: string) => useApiQuery<ReportArchiveResponse>(queryKeys.reportArchive(id), reportPath(id, '/archive'));
export const useReportMembersQuery = (id: string) => useApiQuery<ReportMembersResponse>(queryKeys.reportMembers(id), reportPath(id, '/members'));
/**
 * The generated report (GET …/model), built by the server's export workers: asked again when the
 * window regains focus (a meeting may have changed meanwhile) and when this page invalidates it
 * after stored edits, never on a timer.
 */
export const useReportModelQuery = (id: string) =>
  useQuery({ queryKey: queryKeys.reportModel(id), queryFn: () => api<ReportModel>('GET', reportPath(id, '/model')), refetchOnWindowFocus: 'always', placeholderData: (previous) => previous });

/** Marks cached answers stale (and refetches those in view): call after a write that changes them. */
export function useInvalidate(): (...keys: QueryKey[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback((...keys: QueryKey[]) => Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey }))).then(() => undefined), [client]);
}
