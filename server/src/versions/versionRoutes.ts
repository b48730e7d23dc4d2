import { Router } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import { badRequest, notFound, parseBody } from '../http/errors.ts';
import { requirePrincipal, route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { docFromState } from './docState.ts';
import type { VersionContentResponse, VersionDiffResponse, VersionsResponse } from '../../../shared/src/api/responses.ts';

const versionBody = z.object({ label: z.string().trim().min(1).max(200) });

/** Named versions: create, list, view read-only, diff (two versions, or a version and live), restore. */
export function versionRoutes(services: Services): Router {
  const { versions, versionService, rooms } = services;
  const router = Router();

  router.get('/meetings/:meetingId/versions', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    res.json({ versions: await versions.list(meeting.id) } satisfies VersionsResponse);
  }));

  router.post('/meetings/:meetingId/versions', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editMinutes');
    const body = parseBody(versionBody, req);
    res.status(201).json(await versionService.cut(meeting, body.label, 'named', requirePrincipal(req).userId));
  }));

  router.get('/meetings/:meetingId/versions/:versionId', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    const version = await versions.get(meeting.id, String(req.params.versionId));
    if (!version) throw notFound('no such version');
    const { buildExportModel } = await import('../export/exportModel.ts');
    const doc = docFromState(version.minutesState);
    const model = buildExportModel(meeting, doc, { label: version.label, createdAt: version.createdAt, finalisedAt: null, finalisedBy: null });
    doc.destroy();
    const { minutesState: _m, reviewState: _r, ...summary } = version;
    res.json({ ...summary, meta: model.meta, slots: model.slots, items: model.items } satisfies VersionContentResponse);
  }));

  /** `?against=<versionId>|live`: what changed from this version to the other, per slot and language. */
  router.get('/meetings/:meetingId/versions/:versionId/diff', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    const base = await versions.get(meeting.id, String(req.params.versionId));
    if (!base) throw notFound('no such version');
    const against = typeof req.query.against === 'string' ? req.query.against : 'live';
    const { state, authors } = await rooms.withRoom(meeting.docName, (room) => ({
      state: against === 'live' ? Y.encodeStateAsUpdate(room.doc) : null,
      authors: room.authorBindings(),
    }));
    let newer = state;
    if (!newer) {
      const other = await versions.get(meeting.id, against);
      if (!other) throw badRequest('against: no such version');
      newer = other.minutesState;
    }
    const names = new Map((await services.meetings.members(meeting.id)).map((m) => [m.userId, m.name]));
    // Loaded on the first comparison, not at start: an idle server does not hold the diff library.
    const { diffStates } = await import('./versionDiff.ts');
    const diffs = diffStates(base.minutesState, newer, authors).map((d) => ({ ...d, authors: d.authors.map((id) => ({ id, name: names.get(id) ?? id })) }));
    res.json({ from: base.id, to: against, diffs } satisfies VersionDiffResponse);
  }));

  router.post('/meetings/:meetingId/versions/:versionId/restore', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'finalise');
    res.status(201).json(await versionService.restoreVersion(meeting, String(req.params.versionId), requirePrincipal(req).userId));
  }));

  return router;
}
