import { afterAll, describe, expect, it } from 'vitest';
import { moveSlot, readAgenda, replaceAgenda, updateSlot } from '../../shared/src/model/agendaDoc.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers } from '../helpers/testServer.ts';

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

describe('concurrent agenda edits through the server', () => {
  it('two chairs reordering and retitling at once converge to a valid agenda without duplicates or losses', async () => {
    const server = await startTestServer({ serveClient: false });
    const a = connectClient(server.wsUrl, 'meeting.agenda-race');
    const b = connectClient(server.wsUrl, 'meeting.agenda-race');
    await waitSynced(a, b);
    replaceAgenda(a.doc, ['A', 'B', 'C', 'D', 'E', 'F'].map((t, i) => ({ day: 0, start: `0${i}:00`, end: `0${i}:30`, kind: 'session' as const, title: { en: t, 'zh-Hant': `議程${t}` }, speakers: [], scribes: [] })));
    await eventually(() => expect(readAgenda(b.doc)).toHaveLength(6));
    for (let round = 0; round < 20; round++) {
      const ids = readAgenda(a.doc).map((s) => s.id);
      const pick = () => ids[Math.floor(Math.random() * ids.length)]!;
      // Both act before seeing each other's change.
      a.provider.disconnect();
      b.provider.disconnect();
      moveSlot(a.doc, pick(), pick());
      moveSlot(b.doc, pick(), Math.random() < 0.3 ? null : pick());
      updateSlot(a.doc, ids[round % 6]!, { title: { en: `A${round}` } });
      updateSlot(b.doc, ids[round % 6]!, { title: { 'zh-Hant': `乙${round}` } });
      a.provider.connect();
      b.provider.connect();
      await waitSynced(a, b);
      await eventually(() => expect(readAgenda(a.doc).map((s) => s.id)).toEqual(readAgenda(b.doc).map((s) => s.id)));
      expect(new Set(readAgenda(a.doc).map((s) => s.id)).size).toBe(6);
      const retitled = readAgenda(a.doc).find((s) => s.id === ids[round % 6])!;
      expect(retitled.title).toEqual({ en: `A${round}`, 'zh-Hant': `乙${round}` });
    }
    await server.server.rooms.get('meeting.agenda-race')?.idle();
    await server.restart();
    const reader = connectClient(server.wsUrl, 'meeting.agenda-race');
    await waitSynced(reader);
    expect(readAgenda(reader.doc).map((s) => s.id)).toEqual(readAgenda(a.doc).map((s) => s.id));
  });
});
