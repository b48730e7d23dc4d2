import { Router } from 'express';
import { templateCreateBody } from '../../../shared/src/api/agenda.ts';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { can } from '../../../shared/src/model/roles.ts';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import { badRequest, forbidden, notFound, parseBody } from '../http/errors.ts';
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

  return router;
}
