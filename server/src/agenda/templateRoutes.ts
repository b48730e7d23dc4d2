import { Router, type Request } from 'express';
import { templateCreateBody, templateSlotsSchema } from '../../../shared/src/api/agenda.ts';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { can } from '../../../shared/src/model/roles.ts';
import { isMeetingId } from '../../../shared/src/protocol/docName.ts';
import type { Principal } from '../auth/principal.ts';
import { badRequest, forbidden, HttpError, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import type { Services } from '../services.ts';

/**
 * Agenda templates: list, read, save (from slots or from a meeting's current agenda), delete.
 * Built-ins are everyone's; a saved template is seen by its owner and by admins (who create the
 * meetings), never by the members or guests of the meeting it was saved from.
 */
export function templateRoutes(services: Services): Router {
  const { templates, meetings, access, rooms, audit } = services;
  const router = Router();

  /** The slots of a meeting's live agenda, checked with the template schema like slots sent directly. */
  async function slotsOfMeeting(principal: Principal, meetingId: string) {
    const meeting = isMeetingId(meetingId) ? await meetings.get(meetingId) : null;
    if (!meeting) throw notFound('no such meeting');
    if (!can(await access.roleIn(principal, meeting), 'manageMembers')) throw forbidden('only the chair may save this agenda as a template');
    const slots = await rooms.withRoom(meeting.docName, (room) => readAgenda(room.doc).map(({ order: _order, id: _id, ...slot }) => slot));
    const checked = templateSlotsSchema.safeParse(slots);
    if (!checked.success) {
      const problems = checked.error.issues.map((issue) => ({ path: ['slots', ...issue.path].join('.'), message: issue.message }));
      throw badRequest('this agenda cannot be saved as a template', problems);
    }
    return checked.data;
  }

  router.get('/templates', route(async (req, res) => {
    const principal = requirePrincipal(req);
    const list = await templates.list(principal);
    res.json({
      templates: list.map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        builtin: t.builtin,
        mine: t.createdBy === principal.userId,
        slotCount: t.slots.length,
        days: t.slots.length ? Math.max(...t.slots.map((s) => s.day)) + 1 : 0,
      })),
    });
  }));

  const templateId = (req: Request) => String(req.params.templateId);

  router.get('/templates/:templateId', route(async (req, res) => {
    const template = await templates.get(templateId(req), requirePrincipal(req));
    if (!template) throw notFound('no such template');
    res.json(template);
  }));

  router.post('/templates', route(async (req, res) => {
    const principal = requirePrincipal(req);
    const body = parseBody(templateCreateBody, req);
    if (body.fromMeetingId === undefined && !principal.isAdmin && (await meetings.listForUser(principal.userId)).every((m) => m.role !== 'chair')) {
      throw forbidden('only chairs and administrators create templates');
    }
    const slots = body.slots ?? (await slotsOfMeeting(principal, body.fromMeetingId!));
    const created = await templates.create({ name: body.name, description: body.description, slots, createdBy: principal.userId });
    res.status(201).json(created);
  }));

  router.delete('/templates/:templateId', route(async (req, res) => {
    const principal = requirePrincipal(req);
    const outcome = await templates.remove(templateId(req), principal);
    if (outcome === 'missing') throw notFound('no such template');
    if (outcome === 'builtin') throw new HttpError(409, 'builtin_template', 'built-in templates cannot be deleted');
    await audit.record({ actorId: principal.userId, meetingId: null, action: 'template.delete', details: { templateId: templateId(req) } });
    res.status(204).end();
  }));

  return router;
}
