import type { Request } from 'express';
import type { ReportDocName } from '../../../shared/src/protocol/docName.ts';
import { isReportId } from '../../../shared/src/protocol/docName.ts';
import { canInReport, canWriteReportDoc, type EffectiveReportRole, type ReportCapability } from '../../../shared/src/report/reportRoles.ts';
import type { Principal } from '../auth/principal.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { requirePrincipal } from '../http/middleware.ts';
import type { ReportRecord, ReportRepo } from './reportRepo.ts';

export type ReportDocAccess =
  | { ok: false; status: 403 | 404; message: string }
  | { ok: true; report: ReportRecord; role: EffectiveReportRole; readOnly: boolean; readOnlyReason?: string };

/**
 * The one place that turns (principal, report) into a role, for HTTP routes and the WebSocket
 * upgrade alike. Guests (invite links) are limited to their meeting and never reach a report.
 */
export class ReportAccess {
  constructor(readonly reports: ReportRepo) {}

  async roleIn(principal: Principal, report: ReportRecord): Promise<EffectiveReportRole | null> {
    if (principal.guestMeetingId !== null) return null;
    if (principal.isAdmin) return 'admin';
    return this.reports.roleOf(report.id, principal.userId);
  }

  async docAccess(principal: Principal, docName: ReportDocName): Promise<ReportDocAccess> {
    const report = await this.reports.get(docName.reportId);
    if (!report) return { ok: false, status: 404, message: 'no such report' };
    const role = await this.roleIn(principal, report);
    if (!role) return { ok: false, status: 403, message: 'no role in this report' };
    if (canWriteReportDoc(role, docName.kind, report.status)) return { ok: true, report, role, readOnly: false };
    return { ok: true, report, role, readOnly: true, readOnlyReason: report.status === 'finalised' ? 'report-finalised' : `role-${role}` };
  }

  /** Loads `:reportId` and checks the caller's capability: unknown ids are 404, no role 403. */
  async require(req: Request, capability: ReportCapability): Promise<{ report: ReportRecord; role: EffectiveReportRole; principal: Principal }> {
    const principal = requirePrincipal(req);
    const id = String(req.params.reportId);
    const report = isReportId(id) ? await this.reports.get(id) : null;
    if (!report) throw notFound('no such report');
    const role = await this.roleIn(principal, report);
    if (!role) throw forbidden('no role in this report');
    if (!canInReport(role, capability)) throw forbidden(`your role (${role}) may not do this`);
    return { report, role, principal };
  }
}
