import type { ReportLanguage } from '../report/reportModel.ts';
import type { EffectiveReportRole, ReportRole, ReportStatus } from '../report/reportRoles.ts';
import type { ReportCoverFields } from './reports.ts';

/**
 * A report as the server stores it and every report route shows it (docs/api.md, "Reports"); the
 * server's ReportRecord (server/src/reports/reportRepo.ts) is this type, so the two cannot drift.
 */
export interface ReportView {
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
}

/** A report route's answer: the report with the caller's effective role on it. */
export interface ReportResponse extends ReportView {
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

/**
 * A summary of an agenda item edited by hand, linked to its source slot, as stored and as
 * `POST /api/reports/:id/key-points/:meetingId/:slotId` answers it.
 */
export interface EditedSummaryResponse {
  meetingId: string;
  slotId: string;
  /** sha256 (hex) of the slot's minutes when the summary was edited against them. */
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
