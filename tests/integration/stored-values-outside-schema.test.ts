import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { computeBlockers } from '../../shared/src/model/blockers.ts';
import { createThread, readThreads } from '../../shared/src/model/reviewDoc.ts';
import { upsertRosterEntry } from '../../shared/src/model/rosterDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { storeBypassingValidation, writeBadMinutesValues, writeBadReviewValues } from '../helpers/badValues.ts';
import { connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

const ctx = useMeetingServer(['delegate', 'reviewer']);
let slotId = '';
let threadId = '';

/**
 * A meeting whose stored documents hold values outside the schema (written before the server
 * checked values): every route that reads them answers, and what does fit is still there.
 */
beforeAll(async () => {
  const { server, meeting, members } = ctx;
  const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: members.chair!.token } });
  const reviewer = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: members.reviewer!.token } });
  await waitSynced(chair, reviewer);
  chair.doc.transact(() => {
    slotId = replaceAgenda(chair.doc, [{ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 1', 'zh-Hant': '議題一' }, speakers: [{ name: { en: 'Lin' } }], scribes: [] }])[0]!;
    const thailand = upsertRosterEntry(chair.doc, { kind: 'delegation', name: { en: 'Thailand', 'zh-Hant': '泰國' }, role: 'delegate', attendance: 'present', delegationId: null });
    for (const [lang, line] of [['en', 'Thailand presented the survey.'], ['zh-Hant', '泰國說明問卷。']] as const) {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute('speaker', thailand);
      p.insert(0, [new Y.XmlText(line)]);
      chair.doc.getXmlFragment(minutesField(slotId, lang)).push([p]);
    }
  });
  const text = (chair.doc.getXmlFragment(minutesField(slotId, 'en')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  const anchor = { start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 8) };
  threadId = createThread(reviewer.doc, { slotId, lang: 'en', anchor, quote: 'Thailand', author: { id: members.reviewer!.userId, name: 'Reviewer' }, text: 'Which survey?', replacement: 'The delegation of Thailand' });
  await eventually(() => {
    expect(readAgenda(server.server.rooms.get(meeting.docName)!.doc)).toHaveLength(1);
    expect(readThreads(server.server.rooms.get(meeting.reviewDocName)!.doc)).toHaveLength(1);
  });
  destroyAllClients();
  await storeBypassingValidation(server, meeting.docName, (doc) => writeBadMinutesValues(doc, slotId));
  await storeBypassingValidation(server, meeting.reviewDocName, (doc) => writeBadReviewValues(doc, threadId));
});

describe('stored values outside the schema break no reader and no route', () => {
  it('the shared readers skip them: blockers are computed, what fits is kept', async () => {
    const load = async (docName: string) => {
      const doc = new Y.Doc();
      for (const update of storedUpdates(await ctx.server.server.store.load(docName))) Y.applyUpdate(doc, update);
      return doc;
    };
    const [minutes, review] = await Promise.all([load(ctx.meeting.docName), load(ctx.meeting.reviewDocName)]);
    const [slot] = readAgenda(minutes);
    expect(slot).toMatchObject({ id: slotId, start: '00:00', day: 0, kind: 'other', title: { 'zh-Hant': '議題一' }, speakers: [{ name: { en: 'Lin' } }] });
    const threads = readThreads(review);
    const thread = threads.find((t) => t.id === threadId)!;
    expect(thread).toMatchObject({ unreadable: true, quote: 'Thailand', createdAt: 0, resolvedAt: null, suggestion: null });
    expect(thread.comments.map((c) => c.unreadable ?? false)).toEqual([false, true, true, true]);
    expect(computeBlockers(minutes, review).map((b) => b.id)).toEqual(expect.arrayContaining([`thread:${threadId}`, 'thread:odd', 'thread:empty', `unapproved:${slotId}/en`]));
  });

  it('blockers, waivers, exports with notes and authorship, versions, contributors, finalise and the archive answer', async () => {
    const { meeting, members } = ctx;
    const chair = members.chair!.api;
    const base = `/api/meetings/${meeting.id}`;
    const blockers = await chair.get(`${base}/blockers`);
    expect(blockers.status).toBe(200);
    expect(blockers.body.blockers.length).toBeGreaterThan(0);
    for (const format of ['md', 'html', 'pdf', 'docx']) {
      const exported = await chair.get(`${base}/export?format=${format}&notes=1&authorship=1`);
      expect(exported.status, `${format} export`).toBe(200);
    }
    const markdown = (await chair.get(`${base}/export?format=md&lang=en&notes=1`)).body as string;
    expect(markdown).toContain('Thailand presented the survey.');
    expect(markdown).toContain('Which survey?');
    expect((await chair.get(base)).status).toBe(200);
    expect((await chair.get(`${base}/contributors`)).status).toBe(200);
    const version = await chair.post(`${base}/versions`, { label: 'with odd values' });
    expect(version.status).toBe(201);
    expect((await chair.get(`${base}/versions/${version.body.id}`)).status).toBe(200);
    expect((await chair.get(`${base}/versions/${version.body.id}/diff?against=live`)).status).toBe(200);
    for (const { id } of blockers.body.blockers as Array<{ id: string }>) {
      expect((await chair.post(`${base}/waivers`, { blockerId: id, reason: 'values stored before the schema was enforced' })).status, id).toBe(201);
    }
    const finalised = await chair.post(`${base}/finalise`);
    expect(finalised.status).toBe(200);
    const archiveId = finalised.body.archive.id as string;
    expect((await chair.get(`/api/archive/${archiveId}/package`)).status).toBe(200);
    expect((await chair.get(`/api/archive/${archiveId}/verify`)).body.ok).toBe(true);
  });
});
