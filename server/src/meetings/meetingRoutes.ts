import { Router, type Request } from 'express';
import { inviteAcceptBody, inviteCreateBody, meetingCreateBody, memberAddBody, memberRoleBody, reopenBody, reviewWindowBody } from '../../../shared/src/api/meetings.ts';
import { emailSchema } from '../../../shared/src/api/auth.ts';
import { can, type Capability } from '../../../shared/src/model/roles.ts';
import { requireMeeting } from './requireMeeting.ts';
import { sessionCookie } from '../auth/cookies.ts';
import { badRequest, forbidden, HttpError, notFound, parseBody } from '../http/errors.ts';
import { rateLimit, requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { agendaWarnings, readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta, readProgress } from '../../../shared/src/model/meetingDoc.ts';
import { consecutiveDays, initialiseMeetingDoc } from '../agenda/meetingDocInit.ts';
import { assertFinalisable, BlockedError, finalisationRoutes } from '../finalisation/finalisationRoutes.ts';

/** Meetings, members, invite links and the finalise/reopen switch. */
export function meetingRoutes(services: Services): Router {
  const { meetings, invites, access, accessEvents, audit, users, auth, config } = services;
  const router = Router();
  const acceptLimit = rateLimit({ windowMs: 60_000, max: config.loginAttemptsPerMinute });

  const meetingFor = (req: Request, capability: Capability) => requireMeeting(services, req, capability);

  const publicUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.post('/meetings', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (!principal.isAdmin) throw forbidden('only administrators create meetings');
    const body = parseBody(meetingCreateBody, req);
    const template = body.templateId ? await services.templates.get(body.templateId, principal) : null;
    if (body.templateId && !template) throw badRequest('no such template');
    const dayCount = body.days ?? (template ? Math.max(...template.slots.map((slot) => slot.day)) + 1 : 1);
    const meeting = await meetings.create({ ...body, series: body.series, createdBy: principal.userId });
    if (principal.via !== 'admin-token') await meetings.setMember(meeting.id, principal.userId, 'chair');
    await services.rooms.withRoom(meeting.docName, (room) =>
      room.applyServerChange((doc) =>
        initialiseMeetingDoc(
          doc,
          {
            title: body.title,
            languages: body.languages,
            timezone: body.timezone,
            series: body.series,
            number: body.number ?? null,
            venue: body.venue,
            virtual: body.virtual,
            days: consecutiveDays(body.date, dayCount),
          },
          template?.slots ?? [],
        ),
      ),
    );
    await audit.record({ actorId: principal.userId, meetingId: meeting.id, action: 'meeting.create' });
    res.status(201).json(meeting);
  }));

  router.get('/meetings', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (principal.isAdmin && principal.guestMeetingId === null) {
      res.json({ meetings: (await meetings.listAll()).map((m) => ({ ...m, role: 'admin' })) });
      return;
    }
    const mine = await meetings.listForUser(principal.userId);
    res.json({ meetings: mine.filter((m) => principal.guestMeetingId === null || m.id === principal.guestMeetingId) });
  }));

  /** The meeting with its agenda as it stands in the live doc (not a cached copy). */
  router.get('/meetings/:meetingId', route(async (req, res) => {
    const { meeting, role } = await meetingFor(req, 'readMinutes');
    const live = await services.rooms.withRoom(meeting.docName, (room) => {
      const agenda = readAgenda(room.doc);
      return {
        meta: readMeta(room.doc),
        agenda: agenda.map((slot) => ({ ...slot, progress: readProgress(room.doc, slot.id) })),
        warnings: agendaWarnings(agenda),
      };
    });
    res.json({ ...meeting, role, ...live });
  }));

  /** The caller's previous visit (0 for never); `POST` records a new one (sent when the page is left). */
  router.get('/meetings/:meetingId/visit', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'readMinutes');
    const row = await services.sql.selectFrom('meeting_visits').select('seen_at').where('meeting_id', '=', meeting.id).where('user_id', '=', requirePrincipal(req).userId).executeTakeFirst();
    res.json({ lastVisit: row ? Number(row.seen_at) : 0 });
  }));

  router.post('/meetings/:meetingId/visit', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'readMinutes');
    const seenAt = Date.now();
    await services.sql
      .insertInto('meeting_visits')
      .values({ meeting_id: meeting.id, user_id: requirePrincipal(req).userId, seen_at: seenAt })
      .onConflict((oc) => oc.columns(['meeting_id', 'user_id']).doUpdateSet({ seen_at: seenAt }))
      .execute();
    res.status(204).end();
  }));

  router.get('/meetings/:meetingId/members', route(async (req, res) => {
    const { meeting, role } = await meetingFor(req, 'readMinutes');
    const members = await meetings.members(meeting.id);
    const pending = can(role, 'manageMembers') ? await meetings.pendingMembers(meeting.id) : [];
    res.json({ members, pending });
  }));

  router.post('/meetings/:meetingId/members', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const body = parseBody(memberAddBody, req);
    const email = emailSchema.safeParse(body.email);
    if (!email.success) throw badRequest('not an e-mail address');
    const user = await users.byEmail(email.data);
    const actorId = requirePrincipal(req).userId;
    if (user) {
      await meetings.setMember(meeting.id, user.id, body.role);
      accessEvents.emit({ meetingId: meeting.id, userId: user.id });
    } else {
      await meetings.addPending(meeting.id, email.data, body.role);
    }
    await audit.record({ actorId, meetingId: meeting.id, action: 'member.add', details: { email: email.data, role: body.role, pending: !user } });
    res.status(user ? 201 : 202).json({ email: email.data, role: body.role, status: user ? 'member' : 'pending-signup' });
  }));

  router.patch('/meetings/:meetingId/members/:userId', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const body = parseBody(memberRoleBody, req);
    const userId = String(req.params.userId);
    if (!(await meetings.roleOf(meeting.id, userId))) throw notFound('no such member');
    await meetings.setMember(meeting.id, userId, body.role);
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'member.role', details: { userId, role: body.role } });
    accessEvents.emit({ meetingId: meeting.id, userId });
    res.json({ userId, role: body.role });
  }));

  router.delete('/meetings/:meetingId/members/:userId', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const userId = String(req.params.userId);
    if (!(await meetings.removeMember(meeting.id, userId))) throw notFound('no such member');
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'member.remove', details: { userId } });
    accessEvents.emit({ meetingId: meeting.id, userId });
    res.status(204).end();
  }));

  router.post('/meetings/:meetingId/invites', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const body = parseBody(inviteCreateBody, req);
    const actorId = requirePrincipal(req).userId;
    const { invite, code } = await invites.create({ meetingId: meeting.id, role: body.role, createdBy: actorId, expiresInHours: body.expiresInHours, maxUses: body.maxUses });
    await audit.record({ actorId, meetingId: meeting.id, action: 'invite.create', details: { inviteId: invite.id, role: body.role } });
    res.status(201).json({ ...invite, code, url: `${publicUrl(req)}/invite/${code}` });
  }));

  router.get('/meetings/:meetingId/invites', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    res.json({ invites: await invites.list(meeting.id) });
  }));

  router.delete('/meetings/:meetingId/invites/:inviteId', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const inviteId = String(req.params.inviteId);
    if (!(await invites.revoke(meeting.id, inviteId))) throw notFound('no such invite');
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'invite.revoke', details: { inviteId } });
    res.status(204).end();
  }));

  /** A guest accepts an invite: a new guest account limited to that meeting, a session and a token. */
  router.post('/invites/:code/accept', acceptLimit, route(async (req, res) => {
    const body = parseBody(inviteAcceptBody, req);
    const granted = await invites.consume(String(req.params.code));
    if (!granted) throw new HttpError(410, 'invite_invalid', 'this invite link is invalid, expired, revoked or already used');
    const user = await users.create({ email: null, name: body.name, passwordHash: null, isAdmin: false, guestMeetingId: granted.meetingId });
    await meetings.setMember(granted.meetingId, user.id, granted.role);
    const session = await auth.createSession(user.id);
    const { token } = await auth.createToken(user.id, 'invite');
    await audit.record({ actorId: user.id, meetingId: granted.meetingId, action: 'invite.accept', details: { role: granted.role } });
    res.setHeader('Set-Cookie', sessionCookie(session.secret, session.maxAgeSeconds, config.publicUrl?.startsWith('https:') ?? false));
    res.status(201).json({ user: { id: user.id, name: user.name, guestMeetingId: granted.meetingId }, role: granted.role, meetingId: granted.meetingId, token, csrfToken: session.csrfToken });
  }));

  router.post('/meetings/:meetingId/finalise', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    if (meeting.status === 'finalised') throw new HttpError(409, 'already_finalised', 'the meeting is already finalised');
    const principal = requirePrincipal(req);
    // Unapproved minutes, open threads... block finalising unless the chair waived them. Checked
    // once before writes stop (the common refusal disturbs nobody) and once after (an edit that
    // arrived in between cannot slip into the record unapproved).
    const blocked = (error: unknown) => {
      if (!(error instanceof BlockedError)) throw error;
      res.status(409).json({ error: 'blocked', code: 'blocked', message: error.message, blockers: error.blockers });
    };
    try {
      await assertFinalisable(services, meeting);
    } catch (error) {
      return blocked(error);
    }
    await meetings.setStatus(meeting.id, 'finalised');
    accessEvents.emit({ meetingId: meeting.id });
    let waived;
    try {
      waived = (await assertFinalisable(services, meeting)).map((b) => b.id);
    } catch (error) {
      await meetings.setStatus(meeting.id, meeting.status);
      accessEvents.emit({ meetingId: meeting.id });
      return blocked(error);
    }
    // The record is cut after writes stopped: a final version and the signed archive package.
    // If that fails, the meeting goes back to where it was: never finalised without a record.
    let archive;
    try {
      archive = await services.archive.archive({ ...meeting, status: 'finalised' }, { id: principal.userId, name: principal.name });
    } catch (error) {
      await meetings.setStatus(meeting.id, meeting.status);
      accessEvents.emit({ meetingId: meeting.id });
      throw error;
    }
    await audit.record({ actorId: principal.userId, meetingId: meeting.id, action: 'meeting.finalise', details: { archiveId: archive.id, revision: archive.revision, manifestSha256: archive.manifestSha256, waived } });
    res.json({ ...meeting, status: 'finalised', archive });
  }));

  /**
   * The review window: `final_draft` closes the minutes to delegates (the chair still edits) and
   * keeps comments open to everyone who may comment; `draft` opens them again.
   */
  router.post('/meetings/:meetingId/review-window', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    const body = parseBody(reviewWindowBody, req);
    if (meeting.status === 'finalised') throw new HttpError(409, 'finalised', 'the meeting is finalised; reopen it first');
    await meetings.setStatus(meeting.id, body.open ? 'final_draft' : 'draft');
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'meeting.reviewWindow', details: { open: body.open } });
    accessEvents.emit({ meetingId: meeting.id });
    res.json({ ...meeting, status: body.open ? 'final_draft' : 'draft' });
  }));

  router.post('/meetings/:meetingId/reopen', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    const body = parseBody(reopenBody, req);
    if (meeting.status !== 'finalised') throw new HttpError(409, 'not_finalised', 'the meeting is not finalised');
    await meetings.setStatus(meeting.id, 'draft');
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'meeting.reopen', details: { reason: body.reason } });
    accessEvents.emit({ meetingId: meeting.id });
    res.json({ ...meeting, status: 'draft' });
  }));

  router.use(finalisationRoutes(services));

  router.get('/meetings/:meetingId/audit', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    res.json({ entries: await audit.forMeeting(meeting.id) });
  }));

  return router;
}
