import type { ReportLanguage } from '../report/reportModel.ts';
import type { EffectiveReportRole, ReportRole, ReportStatus } from '../report/reportRoles.ts';
import type { ReportCoverFields } from './reports.ts';

/**
 * Answers of the report routes (docs/api.md, "Reports") as the client reads them; the server's
 * ReportRecord (server/src/reports/reportRepo.ts) is this without the caller's `role`.
 */
export interface ReportResponse {
  id: string;
  docName: string;
  reviewDocName: string;
  title: Record<string, string>;
  language: ReportLanguage;
  timezone: string;
  cover: ReportCoverFields;
  status: ReportStatus;
  /** In report order. */
  meetingIds: string[];
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
  role: EffectiveReportRole;
}

export interface ReportsResponse {
  reports: ReportResponse[];
}

export interface ReportMemberView {
  userId: string;
  name: string;
  /** Shown to owners and administrators only. */
  email: string | null;
  role: ReportRole;
}

export interface ReportMembersResponse {
  members: ReportMemberView[];
}

/** `POST /api/reports/:id/key-points/:meetingId/:slotId`. */
export interface EditedSummaryResponse {
  meetingId: string;
  slotId: string;
  sourceDigest: string;
  editedAt: number;
  editedBy: string | null;
}

/** A finalised revision of a report (`POST …/finalise` answers one as `archive`; `GET …/archive` lists them). */
export interface ReportArchiveRecord {
  id: string;
  kind: 'report';
  reportId: string;
  revision: number;
  manifestSha256: string;
  keyId: string;
  createdBy: string | null;
  createdAt: number;
  sources: Array<{ meetingId: string; title: Record<string, string>; state: 'final' | 'draft'; archiveRevision: number | null }>;
}

export interface ReportArchiveResponse {
  records: ReportArchiveRecord[];
}
