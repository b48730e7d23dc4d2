import fc from 'fast-check';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAgenda, replaceAgenda } from '../../shared/src/model/agendaDoc.ts';
import { createThread, readThreads } from '../../shared/src/model/reviewDoc.ts';
import { upsertRosterEntry } from '../../shared/src/model/rosterDoc.ts';
import { minutesField } from '../../shared/src/schema/fields.ts';
import { meetingWithMembers } from '../helpers/api.ts';
import { storeBypassingValidation, writeBadMinutesValues, writeBadReviewValues } from '../helpers/badValues.ts';
import { hasChromium, screenshot, useBrowserAndServer } from '../helpers/browser.ts';
import { pageAs } from '../helpers/browserSession.ts';
import { appendParagraph, connectClient, destroyAllClients, waitSynced } from '../helpers/clients.ts';
import { expectReadableMeeting, sendWrite, writeOp, type Participants } from '../helpers/documentWrites.ts';
import { eventually } from '../helpers/eventually.ts';

const env = useBrowserAndServer();

/** Opens the meeting page and every side panel; returns the page errors seen (a blank page throws one). */
async function renderEverything(page: Page, meetingId: string): Promise<void> {
  await page.goto(`${env.server.url}/m/${meetingId}`);
  await expect.poll(() => page.locator('section.slot').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.getByTestId('threads-panel').isVisible()).toBe(true);
  for (const toggle of ['agenda-toggle', 'roster-toggle', 'confirmations-toggle', 'finalisation-toggle', 'versions-toggle']) {
    const button = page.getByTestId(toggle);
    if ((await button.count()) === 0 || (await button.isDisabled())) continue;
    await button.click();
    await expect.poll(() => button.getAttribute('aria-expanded')).toBe('true');
  }
}

describe.skipIf(!hasChromium)('document values in Chromium: nothing a participant writes, or a store holds, blanks the page', () => {
  it('after random writes from every role, and with values outside the schema stored, the page renders with placeholders', async () => {
    const { meeting, members } = await meetingWithMembers(env.server.url, ['delegate', 'reviewer', 'observer']);
    const names = { chair: 'Chair', delegate: 'Delegate', reviewer: 'Reviewer', observer: 'Observer' } as const;
    const people = Object.fromEntries((Object.keys(names) as Array<keyof typeof names>).map((role) => [role, { token: members[role]!.token, userId: members[role]!.userId, name: names[role] }])) as Participants;
    const chairDoc = connectClient(env.server.wsUrl, meeting.docName, { params: { token: people.chair.token } });
    const reviewerDoc = connectClient(env.server.wsUrl, meeting.reviewDocName, { params: { token: people.reviewer.token } });
    await waitSynced(chairDoc, reviewerDoc);
    const slotId = replaceAgenda(chairDoc.doc, [{ day: 0, start: '09:00', end: '10:00', kind: 'session', title: { en: 'Item 1', 'zh-Hant': '議題一' }, speakers: [], scribes: [] }])[0]!;
    upsertRosterEntry(chairDoc.doc, { kind: 'delegation', name: { en: 'Thailand' }, role: 'delegate', attendance: 'present', delegationId: null });
    appendParagraph(chairDoc.doc, minutesField(slotId, 'en'), 'The agenda was adopted.');
    const text = (chairDoc.doc.getXmlFragment(minutesField(slotId, 'en')).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const threadId = createThread(reviewerDoc.doc, { slotId, lang: 'en', anchor: { start: Y.createRelativePositionFromTypeIndex(text, 4), end: Y.createRelativePositionFromTypeIndex(text, 10) }, quote: 'agenda', author: { id: people.reviewer.userId, name: 'Reviewer' }, text: 'Which agenda?' });
    await eventually(() => {
      expect(readAgenda(env.server.server.rooms.get(meeting.docName)!.doc)).toHaveLength(1);
      expect(readThreads(env.server.server.rooms.get(meeting.reviewDocName)!.doc)).toHaveLength(1);
    });
    destroyAllClients();

    // A sample of the property test's random writes (tests/integration/property-document-values.test.ts).
    const docNames = { minutes: meeting.docName, review: meeting.reviewDocName };
    for (const ops of fc.sample(fc.array(writeOp, { minLength: 1, maxLength: 6 }), { numRuns: 6, seed: 13 })) {
      for (const op of ops) await sendWrite(env.server, docNames, op, people);
    }
    await expectReadableMeeting(env.server, meeting, members.chair!.api, people);
    const errors: string[] = [];
    const chair = await pageAs(env.browser, env.server.url, members.chair!.api);
    chair.page.on('pageerror', (error) => errors.push(error.message));
    await renderEverything(chair.page, meeting.id);
    await chair.context.close();

    // Values outside the schema, stored before the server checked them.
    await storeBypassingValidation(env.server, meeting.docName, (doc) => writeBadMinutesValues(doc, slotId));
    await storeBypassingValidation(env.server, meeting.reviewDocName, (doc) => writeBadReviewValues(doc, threadId));
    for (const role of ['chair', 'reviewer'] as const) {
      const session = await pageAs(env.browser, env.server.url, members[role]!.api);
      session.page.on('pageerror', (error) => errors.push(error.message));
      await renderEverything(session.page, meeting.id);
      await session.page.getByRole('radio', { name: 'All' }).check();
      await expect.poll(() => session.page.getByTestId('threads-panel').innerText()).toContain('could not be read');
      await screenshot(session.page, `document-values-${role}`);
      await session.context.close();
    }
    expect(errors).toEqual([]);
  });
});
