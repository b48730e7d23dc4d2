import { Router, type Request } from 'express';
import { meetingCreateBody } from '../../../shared/src/api/meetings.ts';
import { type Capability } from '../../../shared/src/model/roles.ts';
import { requireMeeting } from './requireMeeting.ts';
import { memberRoutes } from './memberRoutes.ts';
import { SeriesRepo } from '../glossary/seriesRepo.ts';
import { badRequest, forbidden, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';
import { agendaWarnings, readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta, readProgress } from '../../../shared/src/model/meetingDoc.ts';
import { consecutiveDays, initialiseMeetingDoc } from '../agenda/meetingDocInit.ts';
import { finalisationRoutes } from '../finalisation/finalisationRoutes.ts';
import type { AuditResponse, MeetingResponse, MeetingsResponse, VisitResponse } from '../../../shared/src/api/responses.ts';

/** Meetings; members and invite links are in memberRoutes.ts, finalisation's routes in finalisationRoutes.ts. */
export function meetingRoutes(services: Services): Router {
  const { meetings, audit } = services;
  const router = Router();

  const meetingFor = (req: Request, capability: Capability) => requireMeeting(services, req, capability);

  router.post('/meetings', route(async (req, res) => {
    const principal = requirePrincipal(req);
    if (!principal.isAdmin) throw forbidden('only administrators create meetings');
    const body = parseBody(meetingCreateBody, req);
    const template = body.templateId ? await services.templates.get(body.templateId, principal) : null;
    if (body.templateId && !template) throw badRequest('no such template');
    const dayCount = body.days ?? (template ? Math.max(...template.slots.map((slot) => slot.day)) + 1 : 1);
    // Only administrators get here, and they manage every series: the meeting joins the one of this name.
    const series = body.series ? await new SeriesRepo(services.sql).findOrCreate(body.series, principal.userId) : null;
    const meeting = await meetings.create({ ...body, series: series?.name ?? '', seriesId: series?.id ?? null, createdBy: principal.userId });
    if (principal.via !== 'admin-token') await meetings.setMember(meeting.id, principal.userId, 'chair');
    await services.rooms.withRoom(meeting.docName, (room) =>
      room.applyServerChange((doc) =>
        initialiseMeetingDoc(
          doc,
          {
            title: body.title,
            languages: body.languages,
            timezone: body.timezone,
            series: series?.name ?? '',
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
    // Places a chair added this account to by e-mail become memberships the first time it looks.
    if (principal.email !== null && principal.guestMeetingId === null) await meetings.claimPending(principal.email, principal.userId);
    if (principal.isAdmin && principal.guestMeetingId === null) {
      res.json({ meetings: (await meetings.listAll()).map((m) => ({ ...m, role: 'admin' as const })) } satisfies MeetingsResponse);
      return;
    }
    const mine = await meetings.listForUser(principal.userId);
    res.json({ meetings: mine.filter((m) => principal.guestMeetingId === null || m.id === principal.guestMeetingId) } satisfies MeetingsResponse);
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
    res.json({ ...meeting, role, ...live } satisfies MeetingResponse);
  }));

  /** The caller's previous visit (0 for never); `POST` records a new one (sent when the page is left). */
  router.get('/meetings/:meetingId/visit', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'readMinutes');
    const row = await services.sql.selectFrom('meeting_visits').select('seen_at').where('meeting_id', '=', meeting.id).where('user_id', '=', requirePrincipal(req).userId).executeTakeFirst();
    res.json({ lastVisit: row ? Number(row.seen_at) : 0 } satisfies VisitResponse);
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

  router.use(memberRoutes(services));
  router.use(finalisationRoutes(services));

  router.get('/meetings/:meetingId/audit', route(async (req, res) => {
    const { meeting } = await meetingFor(req, 'finalise');
    res.json({ entries: await audit.forMeeting(meeting.id) } satisfies AuditResponse);
  }));

  return router;
}
