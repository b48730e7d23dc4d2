import { Router, type Request } from 'express';
import { inviteAcceptBody, inviteCreateBody, memberAddBody, memberRoleBody } from '../../../shared/src/api/meetings.ts';
import { emailSchema } from '../../../shared/src/api/auth.ts';
import { can, type Capability } from '../../../shared/src/model/roles.ts';
import { sessionCookie } from '../auth/cookies.ts';
import { badRequest, HttpError, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { requireMeeting } from './requireMeeting.ts';
import type { MemberDelivery } from '../../../shared/src/api/notifications.ts';
import type { InvitesResponse, MembersResponse } from '../../../shared/src/api/responses.ts';

/**
 * Members, e-mail invitations and invite links of a meeting.
 *
 * Privacy: e-mail addresses are shown to chairs and admins only; adding a member by e-mail answers
 * the same whether or not the address has an account, and the place shows as pending until the
 * account uses it (sign-up, its meeting list, or opening the meeting), exactly as for an address
 * without an account. Guests (invite links) keep access only while their invite and membership
 * stand, the meeting is not finalised, and for at most GUEST_MAX_AGE_DAYS (see auth/guestAccess.ts).
 */
export function memberRoutes(services: Services): Router {
  const { meetings, invites, accessEvents, audit, users, auth, config } = services;
  const acceptLimit = services.attemptLimits.limiter('invite-accept', config.loginAttemptsPerMinute, 60);
  // Looking a link up costs nothing to the holder, but codes must not be guessable by trying.
  const lookupLimit = services.attemptLimits.limiter('invite-lookup', config.loginAttemptsPerMinute * 6, 60);
  const { notifier } = services.mail;
  const router = Router();
  const meetingFor = (req: Request, capability: Capability) => requireMeeting(services, req, capability);
  const publicUrl = (req: Request) => config.publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.get('/meetings/:meetingId/members', route(async (req, res) => {
    const { meeting, role } = await meetingFor(req, 'readMinutes');
    const chair = can(role, 'manageMembers');
    const members = (await meetings.members(meeting.id)).map((m) => (chair ? m : { ...m, email: null }));
    res.json({ members, pending: chair ? await meetings.pendingMembers(meeting.id) : [], mailConfigured: notifier.mailConfigured } satisfies MembersResponse);
  }));

  router.post('/meetings/:meetingId/members', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const body = parseBody(memberAddBody, req);
    const email = emailSchema.safeParse(body.email);
    if (!email.success) throw badRequest('not an e-mail address');
    const user = await users.byEmail(email.data);
    // Changing the role of someone already in this meeting reveals nothing the chair does not know;
    // any other address (with or without an account) becomes a pending place.
    if (user && (await meetings.roleOf(meeting.id, user.id))) {
      await meetings.setMember(meeting.id, user.id, body.role);
      accessEvents.emit({ meetingId: meeting.id, userId: user.id });
    } else {
      await meetings.addPending(meeting.id, email.data, body.role);
    }
    const principal = requirePrincipal(req);
    await audit.record({ actorId: principal.userId, meetingId: meeting.id, action: 'member.add', details: { email: email.data, role: body.role } });
    // The e-mail goes out in both cases too; what the chair learns depends only on whether this server sends mail.
    await notifier.invitation({ meetingId: meeting.id, meetingTitle: meeting.title, email: email.data, role: body.role, inviterName: principal.name });
    const delivery: MemberDelivery = { delivery: notifier.mailConfigured ? 'email' : 'link', link: `${publicUrl(req)}/m/${meeting.id}` };
    res.status(202).json({ email: email.data, role: body.role, status: 'added', ...delivery });
  }));

  router.delete('/meetings/:meetingId/pending/:email', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const email = emailSchema.safeParse(String(req.params.email));
    if (!email.success || !(await meetings.removePending(meeting.id, email.data))) throw notFound('no such pending member');
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'member.removePending', details: { email: email.data } });
    res.status(204).end();
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
    // A pending place for the same address must not hand the membership straight back.
    const email = (await users.byId(userId))?.email;
    if (email) await meetings.removePending(meeting.id, email);
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
    res.json({ invites: await invites.list(meeting.id) } satisfies InvitesResponse);
  }));

  router.delete('/meetings/:meetingId/invites/:inviteId', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'manageMembers');
    const inviteId = String(req.params.inviteId);
    if (!(await invites.revoke(meeting.id, inviteId))) throw notFound('no such invite');
    await audit.record({ actorId: requirePrincipal(req).userId, meetingId: meeting.id, action: 'invite.revoke', details: { inviteId } });
    // The guests who came in through it lose access now: their open sockets are re-checked.
    accessEvents.emit({ meetingId: meeting.id });
    res.status(204).end();
  }));

  /** What the invite page shows before asking for a name (and why a link no longer works). */
  router.get('/invites/:code', lookupLimit.middleware, route(async (req, res) => {
    const summary = await invites.summary(String(req.params.code));
    if (!summary) throw notFound('no such invite link');
    res.json(summary);
  }));

  /** A guest accepts an invite: a new guest account limited to that meeting, a session and a token, both expiring. */
  router.post('/invites/:code/accept', acceptLimit.middleware, route(async (req, res) => {
    const body = parseBody(inviteAcceptBody, req);
    const granted = await invites.consume(String(req.params.code));
    if (!granted) throw new HttpError(410, 'invite_invalid', 'this invite link is invalid, expired, revoked or already used');
    const user = await users.create({ email: null, name: body.name, passwordHash: null, isAdmin: false, guestMeetingId: granted.meetingId, inviteId: granted.inviteId });
    await meetings.setMember(granted.meetingId, user.id, granted.role);
    const session = await auth.createSession(user.id, config.guestMaxAgeMs);
    const { token } = await auth.createToken(user.id, 'invite', config.guestMaxAgeMs / (24 * 3600 * 1000));
    await audit.record({ actorId: user.id, meetingId: granted.meetingId, action: 'invite.accept', details: { role: granted.role, inviteId: granted.inviteId } });
    res.setHeader('Set-Cookie', sessionCookie(session.secret, session.maxAgeSeconds, config.publicUrl?.startsWith('https:') ?? false));
    res.status(201).json({ user: { id: user.id, name: user.name, guestMeetingId: granted.meetingId }, role: granted.role, meetingId: granted.meetingId, token, csrfToken: session.csrfToken });
  }));

  return router;
}
