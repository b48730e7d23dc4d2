import express, { Router } from 'express';
import type * as Y from 'yjs';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { canWriteDoc } from '../../../shared/src/model/roles.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../../shared/src/schema/fields.ts';
import { badRequest, forbidden, HttpError, notFound } from '../http/errors.ts';
import { route } from '../http/middleware.ts';
import { withSizeLimit } from '../http/bodyLimit.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { parseDraftInWorker } from './draftImport.ts';
import type { DraftFormat } from './draftParse.ts';
import { insertersSince } from '../../../shared/src/model/inserters.ts';
import type { ContributorsResponse } from '../../../shared/src/api/responses.ts';

const FORMATS: Record<string, DraftFormat> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
};

/** Importing an existing draft into one slot and language of the minutes. */
export function minutesRoutes(services: Services): Router {
  const router = Router();
  const { maxBytes, ...limits } = services.config.imports;
  const raw = withSizeLimit(express.raw({ type: Object.keys(FORMATS), limit: maxBytes }), () =>
    new HttpError(413, 'import_too_large', `the file is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MiB, the most that may be imported`, { limit: 'IMPORT_MAX_MB', max: maxBytes }),
  );

  router.post('/meetings/:meetingId/minutes/:slotId/:lang/import', raw, route(async (req, res) => {
    const { meeting, role } = await requireMeeting(services, req, 'editMinutes');
    if (!canWriteDoc(role, 'minutes', meeting.status)) throw forbidden('the minutes are closed for your role');
    const format = FORMATS[(req.get('content-type') ?? '').split(';')[0]!.trim()];
    if (!format) throw new HttpError(415, 'unsupported_media_type', `send DOCX, Markdown or HTML (${Object.keys(FORMATS).join(', ')})`);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('empty body');
    const slotId = String(req.params.slotId);
    const lang = String(req.params.lang);
    const checkTarget = (doc: Y.Doc) => {
      if (!readMeta(doc).languages.includes(lang)) throw notFound(`the meeting has no language ${JSON.stringify(lang)}`);
      if (slotId !== GENERAL_SLOT_ID && !readAgenda(doc).some((slot) => slot.id === slotId)) throw notFound('no such agenda slot');
    };
    // Cheap checks first; then parsed and checked against the limits in a worker thread; only then
    // applied through the room (the target checked again: the agenda may have changed meanwhile).
    await services.rooms.withRoom(meeting.docName, (room) => checkTarget(room.doc));
    const { json } = await parseDraftInWorker(services.workers, req.body, format, limits);
    const { appendDraft } = await import('./draftAppend.ts');
    const blocks = await services.rooms.withRoom(meeting.docName, async (room) => {
      checkTarget(room.doc);
      let count = 0;
      await room.applyServerChange((doc) => {
        count = appendDraft(doc, doc.getXmlFragment(minutesField(slotId, lang)), json);
      });
      return count;
    });
    res.status(201).json({ slotId, lang, importedBlocks: blocks });
  }));

  /** Who wrote each slot's minutes, per language, and which user each client id is (authorship). */
  router.get('/meetings/:meetingId/contributors', route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'readMinutes');
    const names = new Map((await services.meetings.members(meeting.id)).map((m) => [m.userId, m.name]));
    const { contributors, clients } = await services.rooms.withRoom(meeting.docName, (room) => {
      const result: Record<string, Record<string, Array<{ userId: string; name: string }>>> = {};
      // Which user each Yjs client id of this doc belongs to: the client colours text by author.
      const clientMap = Object.fromEntries([...room.authorBindings()].map(([client, userId]) => [client, { userId, name: names.get(userId) ?? userId }]));
      for (const field of room.doc.share.keys()) {
        const match = /^minutes\/([^/]+)\/(.+)$/.exec(field);
        if (!match) continue;
        const users = new Set([...insertersSince(room.doc.getXmlFragment(field), new Map())].map((c) => room.authorOf(c)).filter((u): u is string => !!u));
        if (users.size === 0) continue;
        (result[match[1]!] ??= {})[match[2]!] = [...users].map((userId) => ({ userId, name: names.get(userId) ?? userId }));
      }
      return { contributors: result, clients: clientMap };
    });
    res.json({ contributors, clients } satisfies ContributorsResponse);
  }));

  return router;
}
