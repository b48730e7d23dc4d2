import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread } from '../../shared/src/model/reviewDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

// Exports of a saved version, and the optional annotations: who wrote each paragraph, and the
// comment threads as numbered notes. Written by two real people through the real ctx.server.
const ctx = useMeetingServer(['delegate', 'reviewer']);
const field = minutesField('general', 'en');

const exportText = async (query: string) => {
  const res = await ctx.members.reviewer!.api.request('GET', `/api/meetings/${ctx.meeting.id}/export?${query}`);
  return { status: res.status, body: res.body as string };
};

describe('export options', () => {
  it('names the authors of each paragraph, numbers comment threads as notes, and exports a saved version', async () => {
    const { members, meeting } = ctx;
    const chair = connectClient(ctx.server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
    const delegate = connectClient(ctx.server.wsUrl, meeting.docName, { params: { token: members.delegate!.token } });
    await waitSynced(chair, delegate);
    appendParagraph(chair.doc, field, 'The Chair opened the meeting.');
    await eventually(() => expect(delegate.doc.getXmlFragment(field).length).toBe(1));
    appendParagraph(delegate.doc, field, 'The delegate presented the report.');
    await eventually(() => expect(ctx.server.server.rooms.get(meeting.docName)!.doc.getXmlFragment(field).length).toBe(2));

    // A reviewer comments on the delegate's paragraph.
    const reviewer = connectClient(ctx.server.wsUrl, meeting.reviewDocName, { params: { token: members.reviewer!.token } });
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
    await eventually(() => expect(ctx.server.server.rooms.get(meeting.reviewDocName)!.doc.getMap('threads').size).toBe(1));

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

    const docx = await ctx.members.reviewer!.api.request('GET', `/api/meetings/${meeting.id}/export?format=docx&lang=all&authorship=1&notes=1`);
    expect(docx.status).toBe(200);

    // Save a version, write more, and export the version: the later text is not in it.
    const version = await members.chair!.api.post(`/api/meetings/${meeting.id}/versions`, { label: 'Before lunch' });
    expect(version.status).toBe(201);
    appendParagraph(chair.doc, field, 'After lunch the meeting resumed.');
    await eventually(() => expect(ctx.server.server.rooms.get(meeting.docName)!.doc.getXmlFragment(field).length).toBe(3));
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
    const res = await fetch(`${ctx.server.url}/api/meetings/${ctx.meeting.id}/export?format=docx&lang=en&authorship=1&notes=1`, {
      headers: { authorization: `Bearer ${ctx.members.chair!.token}` },
    });
    expect(res.status).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) });
    expect(value).toContain('Written by: Chair');
    expect(value).toContain('Which delegation?');
  });
});
