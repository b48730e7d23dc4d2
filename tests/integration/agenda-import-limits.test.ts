import { describe, expect, it } from 'vitest';
import { readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { HOSTILE_AGENDAS } from '../../shared/src/agenda/hostileAgendas.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

/**
 * Issue 13, finding 8 over the API: a pasted agenda is capped in size (AGENDA_IMPORT_MAX_KB, 256)
 * and slots (AGENDA_MAX_SLOTS, 500), refused with a message naming the limit and nothing
 * changed; what fits is parsed in linear time (shared/src/agenda/linearity.test.ts).
 */
const ctx = useMeetingServer([]);

const post = (body: string, query = '') =>
  fetch(`${ctx.server.url}/api/meetings/${ctx.meeting.id}/agenda/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ctx.members.chair!.token}`, 'content-type': 'text/plain; charset=utf-8' },
    body,
  });

const liveSlots = () => ctx.server.server.rooms.withRoom(ctx.meeting.docName, (room) => readAgenda(room.doc).length);

describe('agenda import limits', () => {
  it('refuses a paste larger than AGENDA_IMPORT_MAX_KB with 413 naming the limit (20,000 slots, 300 KB)', async () => {
    const text = HOSTILE_AGENDAS['slots, one per line']!(300 * 1024);
    const res = await post(text, '?apply=true');
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'agenda_too_large', details: { limit: 'AGENDA_IMPORT_MAX_KB', max: 256 * 1024 } });
    expect(await liveSlots()).toBe(0);
  });

  it('refuses more than AGENDA_MAX_SLOTS slots with 422 naming the line, and changes nothing', async () => {
    const text = HOSTILE_AGENDAS['slots, one per line']!(60 * 1024);
    const res = await post(text, '?apply=true');
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body).toMatchObject({ code: 'agenda_unparseable', details: { line: 501, reason: 'more than 500 slots (the most one agenda may have)' } });
    expect(await liveSlots()).toBe(0);
  });

  it('answers the pastes that held the server for seconds at once, and applies what fits', async () => {
    for (const shape of ['one long line of "中 中 …"', 'a title wrapped over many lines', 'speaker lines with hyphens']) {
      const text = HOSTILE_AGENDAS[shape]!(80 * 1024);
      expect(Buffer.byteLength(text)).toBeLessThan(256 * 1024);
      const res = await post(text);
      expect(res.status, shape).toBe(200);
    }
    const fits = await post(HOSTILE_AGENDAS['slots, one per line']!(8 * 1024), '?apply=true');
    expect(fits.status).toBe(201);
    expect(await liveSlots()).toBe((await fits.json()).agenda.slots.length);
  });
});
