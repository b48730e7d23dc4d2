import { Document, Packer, Paragraph, HeadingLevel, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slotText } from '../../shared/src/model/minutesText.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;
let slotId: string;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'observer']);
  // A second meeting of the ACTWG series, with one agenda slot from a template of our own.
  const chair = setup.members.chair!.api;
  const template = await chair.post('/api/templates', {
    name: { en: 'One slot' },
    slots: [{ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 1', 'zh-Hant': '專題一' } }],
  });
  expect(template.status).toBe(201);
  const created = await chair.post('/api/meetings', { title: { en: 'Tools', 'zh-Hant': '工具' }, series: 'ACTWG', templateId: template.body.id });
  await chair.post(`/api/meetings/${created.body.id}/members`, { email: 'delegate@example.org', role: 'delegate' });
  await chair.post(`/api/meetings/${created.body.id}/members`, { email: 'observer@example.org', role: 'observer' });
  setup.meeting = created.body;
  slotId = (await chair.get(`/api/meetings/${created.body.id}`)).body.agenda[0].id;
});

afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

async function docxBuffer(): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('會議摘要')] }),
          new Paragraph({ children: [new TextRun('主席宣布開會，'), new TextRun({ text: '全體通過議程。', bold: true })] }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('importing an existing draft into a slot and language', () => {
  it('imports DOCX into the Chinese minutes and Markdown into the English ones, live for open clients', async () => {
    const delegate = setup.members.delegate!;
    const watcher = connectClient(server.wsUrl, setup.meeting.docName, { params: { token: delegate.token } });
    await waitSynced(watcher);
    const upload = await fetch(`${server.url}/api/meetings/${setup.meeting.id}/minutes/${slotId}/zh-Hant/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${delegate.token}`, 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      body: new Uint8Array(await docxBuffer()),
    });
    expect(upload.status).toBe(201);
    const markdown = await fetch(`${server.url}/api/meetings/${setup.meeting.id}/minutes/${slotId}/en/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${delegate.token}`, 'content-type': 'text/markdown' },
      body: '## Summary\n\nThe chair **opened** the meeting.\n\n- Agenda adopted\n\n<script>alert(1)</script>',
    });
    expect(markdown.status).toBe(201);
    await eventually(() => {
      expect(slotText(watcher.doc, slotId, 'zh-Hant')).toBe('會議摘要\n主席宣布開會，全體通過議程。');
      expect(slotText(watcher.doc, slotId, 'en')).toBe('Summary\nThe chair opened the meeting.\nAgenda adopted');
    });
  });

  it('refuses observers, unknown slots and languages, and files that are not what they claim', async () => {
    const post = (token: string, path: string, type: string, body: string) =>
      fetch(`${server.url}/api/meetings/${setup.meeting.id}/minutes/${path}/import`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    const { observer, delegate } = setup.members;
    expect((await post(observer!.token, `${slotId}/en`, 'text/markdown', 'hi')).status).toBe(403);
    expect((await post(delegate!.token, `nope/en`, 'text/markdown', 'hi')).status).toBe(404);
    expect((await post(delegate!.token, `${slotId}/fr`, 'text/markdown', 'hi')).status).toBe(404);
    expect((await post(delegate!.token, `${slotId}/en`, 'application/pdf', 'hi')).status).toBe(415);
    const fake = await post(delegate!.token, `${slotId}/en`, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'not a zip');
    expect(fake.status).toBe(400);
    expect((await fake.json()).error).toContain('DOCX');
  });
});

describe('glossary of the series', () => {
  it('is shared by the meetings of a series and editable by delegates only', async () => {
    const { chair, delegate, observer } = setup.members;
    const created = await delegate!.api.post(`/api/meetings/${setup.meeting.id}/glossary`, { terms: { en: 'UNCAC', 'zh-Hant': '聯合國反貪腐公約' }, note: 'treaty' });
    expect(created.status).toBe(201);
    expect((await observer!.api.post(`/api/meetings/${setup.meeting.id}/glossary`, { terms: { en: 'x' } })).status).toBe(403);
    expect((await observer!.api.get(`/api/meetings/${setup.meeting.id}/glossary`)).body.terms).toHaveLength(1);
    // Another meeting of the same series sees the same glossary.
    const sibling = await chair!.api.post('/api/meetings', { title: { en: 'Next ACTWG' }, series: 'ACTWG' });
    expect((await chair!.api.get(`/api/meetings/${sibling.body.id}/glossary`)).body.terms[0].terms.en).toBe('UNCAC');
    const other = await chair!.api.post('/api/meetings', { title: { en: 'Other' } });
    expect((await chair!.api.get(`/api/meetings/${other.body.id}/glossary`)).body.terms).toEqual([]);
    expect((await delegate!.api.request('PUT', `/api/meetings/${setup.meeting.id}/glossary/${created.body.id}`, { terms: { en: 'UNCAC', 'zh-Hant': '聯合國反貪腐公約' }, note: 'UN treaty' })).status).toBe(200);
    expect((await delegate!.api.delete(`/api/meetings/${setup.meeting.id}/glossary/${created.body.id}`)).status).toBe(204);
    expect((await delegate!.api.delete(`/api/meetings/${setup.meeting.id}/glossary/${created.body.id}`)).status).toBe(404);
  });
});

