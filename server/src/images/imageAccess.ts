import type { Request } from 'express';
import { meetingImageScope, parseImageScope, reportImageScope, type ImageScope } from '../../../shared/src/api/images.ts';
import { canWriteDoc } from '../../../shared/src/model/roles.ts';
import type { Principal } from '../auth/principal.ts';
import { forbidden, HttpError } from '../http/errors.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import { ReportAccess } from '../reports/reportAccess.ts';
import { ReportRepo } from '../reports/reportRepo.ts';
import type { Services } from '../services.ts';

const finalised = (what: string) => new HttpError(409, 'finalised', `the ${what} is finalised; its images can no longer change`);

/**
 * Who may add images to a document and who may see them: exactly who may write and read that
 * document, decided by the meeting's and the report's own access rules (never a second copy).
 */
export class ImageAccess {
  private readonly reports: ReportAccess;

  constructor(private readonly services: Services) {
    this.reports = new ReportAccess(new ReportRepo(services.sql));
  }

  /** Meeting writers (delegates, chairs; the chair alone in final draft); 409 once finalised. */
  async meetingWriter(req: Request): Promise<{ scope: ImageScope; meetingId: string }> {
    const { meeting, role } = await requireMeeting(this.services, req, 'editMinutes');
    if (meeting.status === 'finalised') throw finalised('meeting');
    if (!canWriteDoc(role, 'minutes', meeting.status)) throw forbidden('the minutes are closed for your role');
    return { scope: meetingImageScope(meeting.id), meetingId: meeting.id };
  }

  /** Report owners and authors; 409 once finalised. */
  async reportWriter(req: Request): Promise<{ scope: ImageScope }> {
    const { report } = await this.reports.require(req, 'write');
    if (report.status === 'finalised') throw finalised('report');
    return { scope: reportImageScope(report.id) };
  }

  /** Whether `principal` may read the document `scope` names (meeting members and its guests, report members, administrators). */
  async mayRead(principal: Principal, scope: string): Promise<boolean> {
    const parsed = parseImageScope(scope);
    if (!parsed) return false;
    if (parsed.kind === 'meeting') {
      const meeting = await this.services.meetings.get(parsed.meetingId);
      return !!meeting && (await this.services.access.roleIn(principal, meeting)) !== null;
    }
    const report = await this.reports.reports.get(parsed.reportId);
    return !!report && (await this.reports.roleIn(principal, report)) !== null;
  }
}
