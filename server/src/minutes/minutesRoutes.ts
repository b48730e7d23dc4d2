import express, { Router } from 'express';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { canWriteDoc } from '../../../shared/src/model/roles.ts';
import { GENERAL_SLOT_ID, minutesField } from '../../../shared/src/schema/fields.ts';
import { badRequest, forbidden, HttpError, notFound } from '../http/errors.ts';
import { route } from '../http/middleware.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import type { Services } from '../services.ts';
import { appendDraft, DraftImportError, draftToJSON, type DraftFormat } from './draftImport.ts';

const FORMATS: Record<string, DraftFormat> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
};

/** Importing an existing draft into one slot and language of the minutes. */
export function minutesRoutes(services: Services): Router {
  const router = Router();
  const raw = express.raw({ type: Object.keys(FORMATS), limit: '10mb' });

  router.post('/meetings/:meetingId/minutes/:slotId/:lang/import', raw, route(async (req, res) => {
    const { meeting, role } = await requireMeeting(services, req, 'editMinutes');
    if (!canWriteDoc(role, 'minutes', meeting.status)) throw forbidden('the minutes are closed for your role');
    const format = FORMATS[(req.get('content-type') ?? '').split(';')[0]!.trim()];
    if (!format) throw new HttpError(415, 'unsupported_media_type', `send DOCX, Markdown or HTML (${Object.keys(FORMATS).join(', ')})`);
    if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw badRequest('empty body');
    const slotId = String(req.params.slotId);
    const lang = String(req.params.lang);
    let json: Record<string, unknown>;
    try {
      json = await draftToJSON(req.body, format);
    } catch (error) {
      if (error instanceof DraftImportError) throw badRequest(error.message);
      throw error;
    }
    const blocks = await services.rooms.withRoom(meeting.docName, async (room) => {
      if (!readMeta(room.doc).languages.includes(lang)) throw notFound(`the meeting has no language ${JSON.stringify(lang)}`);
      if (slotId !== GENERAL_SLOT_ID && !readAgenda(room.doc).some((slot) => slot.id === slotId)) throw notFound('no such agenda slot');
      let count = 0;
      await room.applyServerChange((doc) => {
        count = appendDraft(doc, doc.getXmlFragment(minutesField(slotId, lang)), json);
      });
      return count;
    });
    res.status(201).json({ slotId, lang, importedBlocks: blocks });
  }));

  return router;
}
