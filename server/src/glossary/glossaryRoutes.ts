import { Router, type Request } from 'express';
import { glossaryTermBody, seriesAttachBody } from '../../../shared/src/api/meetings.ts';
import { writeMeta } from '../../../shared/src/model/meetingDoc.ts';
import { HttpError, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { GlossaryAnnouncer } from './glossaryAnnouncer.ts';
import { GlossaryRepo, glossaryKey } from './glossaryRepo.ts';
import { SeriesRepo } from './seriesRepo.ts';
import type { GlossaryResponse } from '../../../shared/src/api/responses.ts';

/**
 * The bilingual glossary of a meeting's series (or of the meeting alone): everyone in the meeting
 * reads it, writers edit it. Which series a meeting belongs to is set by someone who manages that
 * series (`PUT …/series`), so being in a meeting never opens another series' glossary.
 */
export function glossaryRoutes(services: Services): Router {
  const glossary = new GlossaryRepo(services.sql);
  const series = new SeriesRepo(services.sql);
  const announcer = new GlossaryAnnouncer(services.sql, services.rooms);
  /**
   * After a stored change: the open meetings read the glossary again (live highlights and hints).
   * The change is stored whatever happens here, so a failure to tell is logged, not answered as one.
   */
  const announce = (req: Request, meeting: { id: string; seriesId: string | null }) =>
    announcer.changed(meeting).catch((err: unknown) => req.log?.warn({ err, meeting: meeting.id }, 'glossary change not announced to open meetings'));
  const router = Router();

  router.get('/meetings/:meetingId/glossary', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    const owner = meeting.seriesId ? await series.byId(meeting.seriesId) : null;
    res.json({ series: owner?.name ?? '', seriesId: owner?.id ?? null, terms: await glossary.list(glossaryKey(meeting)) } satisfies GlossaryResponse);
  }));

  router.post('/meetings/:meetingId/glossary', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    const body = parseBody(glossaryTermBody, req);
    const created = await glossary.create(glossaryKey(meeting), body, requirePrincipal(req).userId);
    await announce(req, meeting);
    res.status(201).json(created);
  }));

  router.put('/meetings/:meetingId/glossary/:termId', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    const body = parseBody(glossaryTermBody, req);
    const termId = String(req.params.termId);
    if (!(await glossary.update(glossaryKey(meeting), termId, body, requirePrincipal(req).userId))) throw notFound('no such term');
    await announce(req, meeting);
    res.json({ id: termId, ...body });
  }));

  router.delete('/meetings/:meetingId/glossary/:termId', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    if (!(await glossary.remove(glossaryKey(meeting), String(req.params.termId)))) throw notFound('no such term');
    await announce(req, meeting);
    res.status(204).end();
  }));

  /**
   * Moves the meeting into the series of this name (created, owned by the caller, if new) or, with
   * `''`, out of any series. Joining an existing series needs the caller to manage it; the
   * document's series label follows, so listings and exports say the same.
   */
  router.put('/meetings/:meetingId/series', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'manageMembers');
    const principal = requirePrincipal(req);
    const body = parseBody(seriesAttachBody, req);
    let target = null;
    if (body.series !== '') {
      const existing = await series.byName(body.series);
      if (existing && existing.id !== meeting.seriesId && !(await series.manages(principal, existing))) {
        throw new HttpError(403, 'series_not_managed', 'only an administrator or a chair of a meeting in that series may add meetings to it');
      }
      target = existing ?? (await series.findOrCreate(body.series, principal.userId));
    }
    await series.attach(meeting.id, target?.id ?? null);
    await services.rooms.withRoom(meeting.docName, (room) => room.applyServerChange((doc) => writeMeta(doc, { series: target?.name ?? '' })));
    // Another series, another glossary: the meeting's open pages read it again.
    await announce(req, { id: meeting.id, seriesId: null });
    await services.audit.record({ actorId: principal.userId, meetingId: meeting.id, action: 'meeting.series', details: { seriesId: target?.id ?? null, series: target?.name ?? '' } });
    res.json({ series: target?.name ?? '', seriesId: target?.id ?? null });
  }));

  return router;
}
