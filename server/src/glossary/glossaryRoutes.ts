import { Router } from 'express';
import { glossaryTermBody } from '../../../shared/src/api/meetings.ts';
import { notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { GlossaryRepo, glossaryKey } from './glossaryRepo.ts';

/** The bilingual glossary of a meeting's series: everyone in the meeting reads it, writers edit it. */
export function glossaryRoutes(services: Services): Router {
  const glossary = new GlossaryRepo(services.sql);
  const router = Router();

  router.get('/meetings/:meetingId/glossary', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    res.json({ series: meeting.series, terms: await glossary.list(glossaryKey(meeting)) });
  }));

  router.post('/meetings/:meetingId/glossary', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    const body = parseBody(glossaryTermBody, req);
    res.status(201).json(await glossary.create(glossaryKey(meeting), body, requirePrincipal(req).userId));
  }));

  router.put('/meetings/:meetingId/glossary/:termId', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    const body = parseBody(glossaryTermBody, req);
    const termId = String(req.params.termId);
    if (!(await glossary.update(glossaryKey(meeting), termId, body, requirePrincipal(req).userId))) throw notFound('no such term');
    res.json({ id: termId, ...body });
  }));

  router.delete('/meetings/:meetingId/glossary/:termId', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    if (!(await glossary.remove(glossaryKey(meeting), String(req.params.termId)))) throw notFound('no such term');
    res.status(204).end();
  }));

  return router;
}
