import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda } from '../../shared/src/model/agendaDoc.ts';
import { slotText } from '../../shared/src/model/minutesText.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { ApiClient, meetingWithMembers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';

let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'observer']);
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

function typeParagraph(doc: Y.Doc, field: string, text: string): void {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(field).push([p]);
}

describe('version history', () => {
  it('creates, diffs with authors, and restores a version as a new change', async () => {
    const { meeting, members } = setup;
    const field = minutesField('general', 'en');
    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(delegate);
    typeParagraph(delegate.doc, field, 'The chair opened the meeting.');
    await eventually(async () => {
      const md = await members.chair!.api.get(`/api/meetings/${meeting.id}/export?format=md&lang=en`);
      expect(md.body).toContain('opened the meeting');
    });
    const v1 = await members.delegate!.api.post(`/api/meetings/${meeting.id}/versions`, { label: 'after session' });
    expect(v1.status).toBe(201);
    expect((await members.observer!.api.post(`/api/meetings/${meeting.id}/versions`, { label: 'nope' })).status).toBe(403);

    typeParagraph(delegate.doc, field, 'Delegates discussed the survey.');
    await eventually(async () => {
      const diff = await members.chair!.api.get(`/api/meetings/${meeting.id}/versions/${v1.body.id}/diff?against=live`);
      expect(diff.status).toBe(200);
      const en = diff.body.diffs.find((d: { lang: string }) => d.lang === 'en');
      expect(en.ops.filter((op: { op: string }) => op.op === 'insert').map((op: { text: string }) => op.text).join('')).toContain('Delegates discussed the survey.');
      expect(en.ops.filter((op: { op: string }) => op.op === 'delete')).toEqual([]);
      expect(en.authors).toEqual([{ id: members.delegate!.userId, name: 'Delegate' }]);
    });

    const viewed = await members.observer!.api.get(`/api/meetings/${meeting.id}/versions/${v1.body.id}`);
    expect(viewed.status).toBe(200);
    expect(JSON.stringify(viewed.body.slots)).toContain('opened the meeting');
    expect(JSON.stringify(viewed.body.slots)).not.toContain('survey');

    expect((await members.delegate!.api.post(`/api/meetings/${meeting.id}/versions/${v1.body.id}/restore`)).status).toBe(403);
    const restored = await members.chair!.api.post(`/api/meetings/${meeting.id}/versions/${v1.body.id}/restore`);
    expect(restored.status).toBe(201);
    // Open clients follow; a newly joining client gets the old content.
    await eventually(() => expect(slotText(delegate.doc, 'general', 'en')).toBe('The chair opened the meeting.'));
    const late = connectClient(server.wsUrl, meeting.docName, { params: { token: members.observer!.token } });
    await waitSynced(late);
    expect(slotText(late.doc, 'general', 'en')).toBe('The chair opened the meeting.');
    expect(readAgenda(late.doc)).toEqual([]);
    const contributors = await members.observer!.api.get(`/api/meetings/${meeting.id}/contributors`);
    expect(contributors.body.contributors.general.en).toEqual([{ userId: members.delegate!.userId, name: 'Delegate' }]);
    const list = await members.chair!.api.get(`/api/meetings/${meeting.id}/versions`);
    expect(list.body.versions.map((v: { kind: string }) => v.kind)).toEqual(['restore', 'auto', 'named']);
  });

  it('cuts an automatic version when a burst of editing goes idle', async () => {
    const quick = await startTestServer({ serveClient: false, access: 'enforced', env: { AUTO_VERSION_IDLE_SECONDS: '0.3', AUTO_VERSION_MIN_UPDATES: '5', ADMIN_TOKEN: 'admin-token-for-tests-0123456789' } });
    const admin = new ApiClient(quick.url, 'admin-token-for-tests-0123456789');
    const meeting = (await admin.post('/api/meetings', { title: { en: 'Auto' } })).body;
    const client = connectClient(quick.wsUrl, meeting.docName, { params: { token: 'admin-token-for-tests-0123456789' } });
    await waitSynced(client);
    for (let i = 0; i < 3; i++) typeParagraph(client.doc, minutesField('general', 'en'), `short burst ${i}`);
    await new Promise((r) => setTimeout(r, 800));
    expect((await admin.get(`/api/meetings/${meeting.id}/versions`)).body.versions).toEqual([]);
    for (let i = 0; i < 10; i++) typeParagraph(client.doc, minutesField('general', 'en'), `long burst ${i}`);
    await eventually(async () => {
      const list = (await admin.get(`/api/meetings/${meeting.id}/versions`)).body.versions;
      expect(list.map((v: { kind: string }) => v.kind)).toEqual(['auto']);
    }, 5_000);
  });

  it('refuses a socket that writes under a client id bound to another user', async () => {
    const { meeting, members } = setup;
    const field = minutesField('general', 'zh-Hant');
    const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    await waitSynced(chair);
    typeParagraph(chair.doc, field, '主席發言');
    await eventually(() => expect(server.server.rooms.get(meeting.docName)?.authorOf(chair.doc.clientID)).toBe(members.chair!.userId));
    // A delegate's client reuses the chair's client id: its edit would be attributed to the chair.
    // (Yjs itself re-rolls a client id that arrives from remote, so the forged doc takes the id
    // only after it has the chair's history, as a hostile client would.)
    const forged = new Y.Doc();
    for (const update of storedUpdates(await server.server.store.load(meeting.docName))) Y.applyUpdate(forged, update);
    forged.clientID = chair.doc.clientID;
    typeParagraph(forged, field, '偽造');
    const impostor = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token }, doc: forged });
    // No awareness (that would be refused too): this checks the authorship rule on its own.
    impostor.provider.awareness.setLocalState(null);
    const closeCodes: number[] = [];
    impostor.provider.on('connection-close', (event: CloseEvent | null) => {
      if (event) closeCodes.push(event.code);
    });
    await eventually(() => expect(closeCodes).toContain(1008));
    impostor.destroy();
    // Positive control: a later edit by the chair arrives; the forged one never does.
    typeParagraph(chair.doc, field, '之後');
    const reader = connectClient(server.wsUrl, meeting.docName, { params: { token: members.observer!.token } });
    await waitSynced(reader);
    await eventually(() => expect(slotText(reader.doc, 'general', 'zh-Hant')).toContain('之後'));
    expect(slotText(reader.doc, 'general', 'zh-Hant')).not.toContain('偽造');
  });
});
