import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { createThread, readThreads } from '../../shared/src/model/reviewDoc.ts';
import { upsertRosterEntry } from '../../shared/src/model/rosterDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { eventually } from '../helpers/eventually.ts';
import { expectReadableMeeting, sendWrite, writeOp, type Participants } from '../helpers/documentWrites.ts';
import { useMeetingServer } from '../helpers/meetingServer.ts';

/**
 * Issue 13's property: random sequences of writes from every role (honest calls signed as anyone,
 * values of any type and size anywhere, map overwrites without a delete set, removals), sent
 * through the real server, never leave stored documents that a reader, an export, the blockers or
 * the page cannot read (the page: tests/browser/document-values.test.ts). PROPERTY_RUNS scales it;
 * a failure prints the seed and the shrunk sequence.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 25);
const ctx = useMeetingServer(['delegate', 'reviewer', 'observer']);
let people: Participants;

beforeAll(async () => {
  const { server, meeting, members } = ctx;
  const names = { chair: 'Chair', delegate: 'Delegate', reviewer: 'Reviewer', observer: 'Observer' };
  people = Object.fromEntries((['chair', 'delegate', 'reviewer', 'observer'] as const).map((role) => [role, { token: members[role]!.token, userId: members[role]!.userId, name: names[role] }])) as Participants;
  const chair = connectClient(server.wsUrl, meeting.docName, { params: { token: people.chair.token } });
  const reviewer = connectClient(server.wsUrl, meeting.reviewDocName, { params: { token: people.reviewer.token } });
  await waitSynced(chair, reviewer);
  let slotId = '';
  chair.doc.transact(() => {
    slotId = replaceAgenda(chair.doc, [{ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 1' }, speakers: [], scribes: [] }])[0]!;
    upsertRosterEntry(chair.doc, { kind: 'delegation', name: { en: 'Thailand' }, role: 'delegate', attendance: 'present', delegationId: null });
  });
  appendParagraph(chair.doc, minutesField(slotId, 'en'), 'The agenda was adopted.');
  const text = new Y.XmlText('x');
  new Y.Doc().getXmlFragment(minutesField(slotId, 'en')).insert(0, [text]);
  createThread(reviewer.doc, { slotId, lang: 'en', anchor: { start: Y.createRelativePositionFromTypeIndex(text, 0), end: Y.createRelativePositionFromTypeIndex(text, 1) }, quote: 'agenda', author: { id: people.reviewer.userId, name: 'Reviewer' }, text: 'Which agenda?', replacement: 'The agenda' });
  await eventually(() => {
    expect(readThreads(server.server.rooms.get(meeting.reviewDocName)!.doc)).toHaveLength(1);
    expect(readAgenda(server.server.rooms.get(meeting.docName)!.doc)).toHaveLength(1);
  });
  destroyAllClients();
});

describe('property: no sequence of writes leaves a meeting that breaks a reader', () => {
  it(`${RUNS} random sequences from every role through the real server`, async () => {
    const { server, meeting, members } = ctx;
    const docNames = { minutes: meeting.docName, review: meeting.reviewDocName };
    const outcomes = { sent: 0, refused: 0, nothing: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(writeOp, { minLength: 1, maxLength: 6 }), async (ops) => {
        for (const op of ops) outcomes[await sendWrite(server, docNames, op, people)]++;
        await expectReadableMeeting(server, meeting, members.chair!.api, people);
      }),
      { numRuns: RUNS, seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined, endOnFailure: true },
    );
    console.log(`property: ${JSON.stringify(outcomes)} writes over ${RUNS} runs`);
    expect(outcomes.sent).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 600_000);
});
