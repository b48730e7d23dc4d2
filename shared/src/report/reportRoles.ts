import { z } from 'zod';

/**
 * Report roles, like a meeting's: authors write the report (its text and its settings), reviewers
 * comment (the report's review doc), the owner also manages members and finalises. Administrators
 * may do everything the owner may, on every report. One table for the server (enforcement) and
 * the client (what to show).
 */
export const REPORT_ROLES = ['owner', 'author', 'reviewer'] as const;
export const reportRoleSchema = z.enum(REPORT_ROLES);
export type ReportRole = z.infer<typeof reportRoleSchema>;
export type EffectiveReportRole = ReportRole | 'admin';

export type ReportCapability = 'read' | 'comment' | 'write' | 'manageMembers' | 'finalise';

const CAPABILITIES: Record<ReportRole, readonly ReportCapability[]> = {
  owner: ['read', 'comment', 'write', 'manageMembers', 'finalise'],
  author: ['read', 'comment', 'write'],
  reviewer: ['read', 'comment'],
};

export function canInReport(role: EffectiveReportRole | null, capability: ReportCapability): boolean {
  if (role === null) return false;
  if (role === 'admin') return true;
  return CAPABILITIES[role].includes(capability);
}

export const REPORT_STATUSES = ['draft', 'finalised'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Whether `role` may write the report's text (`report`) or its review doc while the report is in `status`. */
export function canWriteReportDoc(role: EffectiveReportRole | null, kind: 'report' | 'reportReview', status: ReportStatus): boolean {
  if (status === 'finalised') return false;
  return canInReport(role, kind === 'report' ? 'write' : 'comment');
}
