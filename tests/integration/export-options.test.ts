import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread } from '../../shared/src/model/reviewDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { startTestServer, stopAllTestServers, type TestServer } from '../helpers/testServer.ts';

// Exports of a saved version, and the optional annotations: who wrote each paragraph, and the
// comment threads as numbered notes. Written by two real people through the real server.
let server: TestServer;
let setup: Awaited<ReturnType<typeof meetingWithMembers>>;
const field = minutesField('general', 'en');

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, access: 'enforced', env: { LOGIN_ATTEMPTS_PER_MINUTE: '1000' } });
  setup = await meetingWithMembers(server.url, ['delegate', 'reviewer']);
});
afterAll(async () => {
  destroyAllClients();
  await stopAllTestServers();
});

const exportText = async (query: string) => {
  const res = await setup.members.reviewer!.api.request('GET', `/api/meetings/${setup.meeting.id}/export?${query}`);
  return { status: res.status, body: res.body as string };
};

describe('export options', () => {
  it('names the authors of each paragraph, numbers comment threads as notes, and exports a saved version', async () => {
    const { members, meeting } = setup;
    const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    const delegate = connectClient(server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(chair, delegate);
    appendParagraph(chair.doc, field, 'The Chair opened the meeting.');
    await eventually(() => expect(delegate.doc.getXmlFragment(field).length).toBe(1));
    appendParagraph(delegate.doc, field, 'The delegate presented the report.');
    await eventually(() => expect(server.server.rooms.get(meeting.docName)!.doc.getXmlFragment(field).length).toBe(2));

    // A reviewer comments on the delegate's paragraph.
    const reviewer = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.reviewer!.token } });
    await waitSynced(reviewer);
    const second = delegate.doc.getXmlFragment(field).get(1) as Y.XmlElement;
    const text = second.get(0) as Y.XmlText;
    createThread(reviewer.doc, {
      slotId: 'general',
      lang: 'en',
      anchor: { start: Y.createRelativePositionFromTypeIndex(text, 4), end: Y.createRelativePositionFromTypeIndex(text, 12) },
      quote: 'delegate',
      author: { id: members.reviewer!.userId, name: 'Reviewer' },
      text: 'Which delegation?',
    });
    await eventually(() => expect(server.server.rooms.get(meeting.reviewDocName)!.doc.getMap('threads').size).toBe(1));

    const plain = await exportText('format=md&lang=en');
    expect(plain.status).toBe(200);
    expect(plain.body).not.toContain('Written by');
    expect(plain.body).not.toContain('Which delegation?');

    const annotated = (await exportText('format=md&lang=en&authorship=1&notes=1')).body;
    const chairLine = annotated.indexOf('Written by: Chair');
    const delegateLine = annotated.indexOf('Written by: Delegate');
    expect(chairLine).toBeGreaterThan(annotated.indexOf('The Chair opened the meeting.'));
    expect(delegateLine).toBeGreaterThan(annotated.indexOf('The delegate presented the report.'));
    // Markdown escapes the brackets of the note markers.
    expect(annotated).toContain('The delegate presented the report. \\[1\\]');
    expect(annotated).toContain('\\[1\\] *“delegate”* Reviewer: Which delegation?');

    const docx = await setup.members.reviewer!.api.request('GET', `/api/meetings/${meeting.id}/export?format=docx&lang=all&authorship=1&notes=1`);
    expect(docx.status).toBe(200);

    // Save a version, write more, and export the version: the later text is not in it.
    const version = await members.chair!.api.post(`/api/meetings/${meeting.id}/versions`, { label: 'Before lunch' });
    expect(version.status).toBe(201);
    appendParagraph(chair.doc, field, 'After lunch the meeting resumed.');
    await eventually(() => expect(server.server.rooms.get(meeting.docName)!.doc.getXmlFragment(field).length).toBe(3));
    const live = (await exportText('format=md&lang=en')).body;
    expect(live).toContain('After lunch the meeting resumed.');
    const old = await exportText(`format=md&lang=en&version=${version.body.id}`);
    expect(old.status).toBe(200);
    expect(old.body).toContain('The delegate presented the report.');
    expect(old.body).not.toContain('After lunch');
    expect(old.body).toContain('Before lunch');
    const oldAnnotated = (await exportText(`format=md&lang=en&version=${version.body.id}&authorship=1&notes=1`)).body;
    expect(oldAnnotated).toContain('Written by: Delegate');
    expect(oldAnnotated).toContain('Which delegation?');

    expect((await exportText('format=md&lang=en&version=nope')).status).toBe(404);
    expect((await exportText('format=md&lang=en&notes=yes')).status).toBe(400);
  });
});

describe('DOCX with notes', () => {
  it('carries the authorship lines and the note text', async () => {
    const res = await fetch(`${server.url}/api/meetings/${setup.meeting.id}/export?format=docx&lang=en&authorship=1&notes=1`, {
      headers: { authorization: `Bearer ${setup.members.chair!.token}` },
    });
    expect(res.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    expect(value).toContain('Written by: Chair');
    expect(value).toContain('Which delegation?');
  });
});
