import { Router } from 'express';
import { z } from 'zod';
import { emailSchema } from '../../../shared/src/api/auth.ts';
import { reportCoverBody, reportCreateBody, reportMemberAddBody, reportUpdateBody } from '../../../shared/src/api/reports.ts';
import { canInReport } from '../../../shared/src/report/reportRoles.ts';
import { badRequest, forbidden, HttpError, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Principal } from '../auth/principal.ts';
import type { Services } from '../services.ts';
import { ReportAccess } from './reportAccess.ts';
import { ReportRepo } from './reportRepo.ts';
import { reportModelRoutes } from './reportModelRoutes.ts';
import { reportFinalisationRoutes } from './reportFinalisationRoutes.ts';

/**
 * Reports (issue 15): settings and cover, ordered meetings, members. The co-edited text is the
 * `report.<id>` document (WebSocket); the model and the export are in reportModelRoutes.ts.
 */
export function reportRoutes(services: Services): Router {
  const repo = new ReportRepo(services.sql);
  const access = new ReportAccess(repo);
  const router = Router();

  /**
   * Every meeting must exist and be readable by the caller; `chair` also requires the caller to
   * chair each of them (who may create a report). Unknown and unreadable meetings are reported
   * alike, so the check reveals nothing about meetings the caller cannot see.
   */
  async function checkMeetings(principal: Principal, meetingIds: string[], need: 'read' | 'chair'): Promise<void> {
    const refused: string[] = [];
    for (const meetingId of meetingIds) {
      const meeting = await services.meetings.get(meetingId);
      const role = meeting ? await services.access.roleIn(principal, meeting) : null;
      if (!role || (need === 'chair' && role !== 'chair' && role !== 'admin')) refused.push(meetingId);
    }
    if (refused.length === 0) return;
    if (need === 'chair') throw new HttpError(403, 'forbidden', 'only administrators and chairs of every meeting of a report may create it', { meetingIds: refused });
    throw new HttpError(403, 'forbidden', 'a report may only include meetings you can read', { meetingIds: refused });
  }

  router.post('/reports', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.guestMeetingId !== null) throw forbidden('guests cannot create reports');
    const body = parseBody(reportCreateBody, req);
    if (!principal.isAdmin) await checkMeetings(principal, body.meetingIds, 'chair');
    else await checkMeetings(principal, body.meetingIds, 'read'); // an administrator still names existing meetings
    const report = await repo.create({
      title: body.title,
      language: body.language,
      timezone: body.timezone,
      cover: body.cover ?? reportCoverBody.parse({}),
      meetingIds: body.meetingIds,
      // The shared ADMIN_TOKEN is no account: the report then has no owner but administrators.
      owner: principal.via === 'admin-token' ? null : principal.userId,
    });
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.create', details: { reportId: report.id, meetingIds: body.meetingIds } });
    res.status(201).json({ ...report, role: principal.isAdmin ? 'admin' : 'owner' });
  }));

  router.get('/reports', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.guestMeetingId !== null) {
      res.json({ reports: [] });
      return;
    }
    if (principal.isAdmin) {
      res.json({ reports: (await repo.listAll()).map((r) => ({ ...r, role: 'admin' as const })) });
      return;
    }
    res.json({ reports: await repo.listForUser(principal.userId) });
  }));

  router.get('/reports/:reportId', route(async (req, res) => {
    const { report, role } = await access.require(req, 'read');
    res.json({ ...report, role });
  }));

  router.put('/reports/:reportId', route(async (req, res) => {
    const { report, principal } = await access.require(req, 'write');
    if (report.status === 'finalised') throw new HttpError(409, 'finalised', 'the report is finalised');
    const body = parseBody(reportUpdateBody, req);
    // Meetings newly added must be readable by the one adding them; those already in stay.
    if (body.meetingIds) await checkMeetings(principal, body.meetingIds.filter((id) => !report.meetingIds.includes(id)), 'read');
    if (!(await repo.update(report.id, body))) throw new HttpError(409, 'finalised', 'the report is finalised');
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.update', details: { reportId: report.id, fields: Object.keys(body) } });
    const updated = await repo.get(report.id);
    res.json({ ...updated!, role: await access.roleIn(principal, updated!) });
  }));

  router.get('/reports/:reportId/members', route(async (req, res) => {
    const { report, role } = await access.require(req, 'read');
    const manager = canInReport(role, 'manageMembers');
    res.json({ members: (await repo.members(report.id)).map((m) => (manager ? m : { ...m, email: null })) });
  }));

  /**
   * Adds an existing account by e-mail, or changes its role. Only owners and administrators get
   * here, and they already see members' addresses; an address without an account is a 404.
   */
  router.post('/reports/:reportId/members', route(async (req, res) => {
    const { report, principal } = await access.require(req, 'manageMembers');
    const body = parseBody(reportMemberAddBody, req);
    const email = emailSchema.safeParse(body.email);
    if (!email.success) throw badRequest('not an e-mail address');
    const user = await services.users.byEmail(email.data);
    if (!user) throw notFound('no account with this e-mail address');
    const members = await repo.members(report.id);
    const owners = members.filter((m) => m.role === 'owner');
    if (body.role !== 'owner' && owners.length === 1 && owners[0]!.userId === user.id) throw badRequest('a report keeps at least one owner');
    await repo.setMember(report.id, user.id, body.role);
    services.accessEvents.emit({ userId: user.id });
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.member', details: { reportId: report.id, userId: user.id, role: body.role } });
    res.status(201).json({ userId: user.id, name: user.name, email: email.data, role: body.role });
  }));

  router.delete('/reports/:reportId/members/:userId', route(async (req, res) => {
    const { report, principal } = await access.require(req, 'manageMembers');
    const userId = z.string().min(1).max(100).parse(req.params.userId);
    const members = await repo.members(report.id);
    const leaving = members.find((m) => m.userId === userId);
    if (!leaving) throw notFound('no such member');
    if (leaving.role === 'owner' && members.filter((m) => m.role === 'owner').length === 1) throw badRequest('a report keeps at least one owner');
    await repo.removeMember(report.id, userId);
    services.accessEvents.emit({ userId });
    await services.audit.record({ actorId: principal.userId, meetingId: null, action: 'report.member', details: { reportId: report.id, userId, role: null } });
    res.status(204).end();
  }));

  router.use(reportModelRoutes(services, repo, access));
  router.use(reportFinalisationRoutes(services, repo, access));
  return router;
}
