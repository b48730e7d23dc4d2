import express, { Router } from 'express';
import { parseAgenda } from '../../../shared/src/agenda/parse.ts';
import { readMeta, writeMeta } from '../../../shared/src/model/meetingDoc.ts';
import { requireMeeting } from '../meetings/requireMeeting.ts';
import { replaceAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { forbidden, HttpError } from '../http/errors.ts';
import { route } from '../http/middleware.ts';
import { withSizeLimit } from '../http/bodyLimit.ts';
import type { Services } from '../services.ts';

/** The agenda import (paste a report's agenda into a meeting); templates are in templateRoutes.ts. */
export function agendaRoutes(services: Services): Router {
  const { rooms } = services;
  const router = Router();

  const { maxBytes, maxSlots } = services.config.agendaImport;
  const agendaText = withSizeLimit(express.text({ type: ['text/plain', 'text/csv', 'text/markdown'], limit: maxBytes }), () =>
    new HttpError(413, 'agenda_too_large', `the pasted agenda is larger than ${Math.round(maxBytes / 1024)} KB, the most that may be imported`, { limit: 'AGENDA_IMPORT_MAX_KB', max: maxBytes }),
  );
  /**
   * `POST /api/meetings/:id/agenda/import[?apply=true]` with the pasted agenda as text/plain,
   * text/csv or text/markdown: the parsed days and slots as a preview; with `apply=true` they also
   * replace the agenda in the live doc, in one change. Unparseable input is a 422 with the line.
   */
  router.post('/meetings/:meetingId/agenda/import', agendaText, route(async (req, res) => {
    const { meeting } = await requireMeeting(services, req, 'editAgenda');
    if (typeof req.body !== 'string') throw new HttpError(415, 'unsupported_media_type', 'send the agenda as text/plain, text/csv or text/markdown');
    const apply = req.query.apply === 'true';
    if (apply && meeting.status === 'finalised') throw forbidden('the meeting is finalised');
    const contentType = (req.get('content-type') ?? '').split(';')[0]!.trim();
    const format = contentType === 'text/csv' ? 'csv' : 'auto';
    const result = await rooms.withRoom(meeting.docName, async (room) => {
      const meta = readMeta(room.doc);
      const year = Number((meta.days[0] ?? meeting.date ?? new Date().toISOString()).slice(0, 4));
      const parsed = parseAgenda(req.body as string, { languages: meta.languages.length ? meta.languages : meeting.languages, format, defaultYear: year, maxSlots });
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
