import express, { Router } from 'express';
import { parseAgenda } from '../../../shared/src/agenda/parse.ts';
import { readMeta, writeMeta } from '../../../shared/src/model/meetingDoc.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import { templateCreateBody } from '../../../shared/src/api/agenda.ts';
import { readAgenda, replaceAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { can } from '../../../shared/src/model/roles.ts';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { badRequest, forbidden, HttpError, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/** Agenda templates: list, read, and save (from slots or from a meeting's current agenda). */
export function agendaRoutes(services: Services): Router {
  const { templates, meetings, access, rooms } = services;
  const router = Router();

  router.get('/templates', route(async (req, res) => {
    requirePrincipal(req);
    const list = await templates.list();
    res.json({
      templates: list.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        builtin: t.builtin,
        slotCount: t.slots.length,
        days: t.slots.length ? Math.max(...t.slots.map((s) => s.day)) + 1 : 0,
      })),
    });
  }));

  router.get('/templates/:templateId', route(async (req, res) => {
    requirePrincipal(req);
    const template = await templates.get(String(req.params.templateId));
    if (!template) throw notFound('no such template');
    res.json(template);
  }));

  router.post('/templates', route(async (req, res) => {
    const principal = requirePrincipal(req);
    const body = parseBody(templateCreateBody, req);
    let slots = body.slots;
    if (body.fromMeetingId !== undefined) {
      const meeting = isMeetingId(body.fromMeetingId) ? await meetings.get(body.fromMeetingId) : null;
      if (!meeting) throw notFound('no such meeting');
      if (!can(await access.roleIn(principal, meeting), 'manageMembers')) throw forbidden('only the chair may save this agenda as a template');
      slots = await rooms.withRoom(meeting.docName, (room) => readAgenda(room.doc).map(({ order: _order, id: _id, ...slot }) => slot));
    } else if (!principal.isAdmin && (await meetings.listForUser(principal.userId)).every((m) => m.role !== 'chair')) {
      throw forbidden('only chairs and administrators create templates');
    }
    if (!slots || slots.length === 0) throw badRequest('a template needs at least one slot');
    const created = await templates.create({ name: body.name, description: body.description, slots, createdBy: principal.userId });
    res.status(201).json(created);
  }));

  /**
   * `POST /api/meetings/:id/agenda/import[?apply=true]` with the pasted agenda as text/plain,
   * text/csv or text/markdown: the parsed days and slots as a preview; with `apply=true` they also
   * replace the agenda in the live doc, in one change. Unparseable input is a 422 with the line.
   */
  router.post('/meetings/:meetingId/agenda/import', express.text({ type: ['text/plain', 'text/csv', 'text/markdown'], limit: '1mb' }), route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editAgenda');
    if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the agenda as text/plain, text/csv or text/markdown');
    const apply = req.query.apply === 'true';
    if (apply && meeting.status === 'finalised') throw forbidden('the meeting is finalised');
    const contentType = (req.get('content-type') ?? '').split(';')[0]!.trim();
    const format = contentType === 'text/csv' ? 'csv' : 'auto';
    const result = await rooms.withRoom(meeting.docName, async (room) => {
      const meta = readMeta(room.doc);
      const year = Number((meta.days[0] ?? meeting.date ?? new Date().toISOString()).slice(0, 4));
      const parsed = parseAgenda(req.body as string, { languages: meta.languages.length ? meta.languages : meeting.languages, format, defaultYear: year });
      if (!parsed.ok || !apply) return parsed;
      const dates = parsed.agenda.days.map((d) => d.date);
      await room.applyServerChange((doc) => {
        replaceAgenda(doc, parsed.agenda.slots.map(({ id: _id, line: _line, ...slot }) => ({ ...slot, scribes: [] })));
        if (dates.length > 0 && dates.every((d): d is string => d !== null)) writeMeta(doc, { days: dates });
      });
      return parsed;
    });
    if (!result.ok) throw new HttpError(422, 'agenda_unparseable', `line ${result.error.line}: ${result.error.reason}`, result.error);
    res.status(apply ? 201 : 200).json({ applied: apply, agenda: result.agenda });
  }));

  return router;
}
