import { expect } from 'vitest';
import * as Y from 'yjs';
import { agendaMap } from '../../shared/src/model/agendaDoc.ts';
import { approvalsMap } from '../../shared/src/model/approvals.ts';
import { metaMap } from '../../shared/src/model/meetingDoc.ts';
import { threadsMap } from '../../shared/src/model/reviewDoc.ts';
import { DocField, GENERAL_SLOT_ID, minutesField } from '../../shared/src/schema/fields.ts';
import { storedUpdates } from '../../server/src/store/docStore.ts';
import { eventually } from './eventually.ts';
import { updateOnTop } from './rawClient.ts';
import type { TestServer } from './testServer.ts';

/**
 * Values outside the document schema, as a document written before the server checked values (or
 * by a hostile client, before issue 13) may hold them. Written straight into the store, bypassing
 * validation, to prove that readers, routes and the page survive them.
 */
export function writeBadMinutesValues(doc: Y.Doc, slotId: string): void {
  doc.transact(() => {
    const progress = new Y.Map<unknown>();
    doc.getMap(DocField.progress).set(slotId, progress);
    progress.set('actualStart', 1e20);
    progress.set('actualEnd', 'yesterday');
    progress.set('status', 5);
    progress.set('doneLanguages', 'en');
    doc.getMap(DocField.progress).set(GENERAL_SLOT_ID, 'started');
    const translation = new Y.Map<unknown>();
    doc.getMap(DocField.translations).set(slotId, translation);
    translation.set('baseline', { en: 5, 'zh-Hant': { nested: true } });
    doc.getMap(DocField.translations).set(GENERAL_SLOT_ID, 'in sync');
    approvalsMap(doc).set(`${slotId}/en`, { state: 'approved', by: 5, digest: 'nope' });
    approvalsMap(doc).set(`${GENERAL_SLOT_ID}/en`, 'approved');
    const slot = agendaMap(doc).get(slotId);
    if (slot instanceof Y.Map) {
      slot.set('start', '9am');
      slot.set('day', -3);
      slot.set('kind', { weird: true });
      const speakers = slot.get('speakers');
      if (speakers instanceof Y.Array) speakers.push([5, { name: 5 }, null]);
      const title = slot.get('title');
      if (title instanceof Y.Map) title.set('en', 7);
    }
    agendaMap(doc).set('not-a-slot' as string, 'a string' as never);
    const person = new Y.Map<unknown>();
    doc.getMap(DocField.roster).set('r-bad', person);
    person.set('kind', 'alien');
    person.set('name', 'not a map');
    doc.getMap(DocField.roster).set('r-worse', 12 as never);
    metaMap(doc).set('timezone', 'Mars/Olympus');
    metaMap(doc).set('days', ['someday', 3]);
    metaMap(doc).set('number', 'thirty-four');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.setAttribute('item', 'action');
    paragraph.setAttribute('due', { script: '<script>alert(1)</script>' } as never);
    paragraph.setAttribute('speaker', 42 as never);
    paragraph.setAttribute('outcome', 5 as never);
    paragraph.insert(0, [new Y.XmlText('A paragraph with attributes of the wrong types.')]);
    doc.getXmlFragment(minutesField(slotId, 'en')).push([paragraph]);
  });
}

export function writeBadReviewValues(doc: Y.Doc, threadId: string): void {
  doc.transact(() => {
    const thread = threadsMap(doc).get(threadId);
    if (thread instanceof Y.Map) {
      const comments = thread.get('comments');
      if (comments instanceof Y.Array) comments.push([5, 'a string', new Y.Map()]);
      thread.set('createdAt', 'long ago');
      thread.set('resolvedAt', 1e20);
      thread.set('suggestion', { replacement: 5, state: 'weird' });
    }
    threadsMap(doc).set('odd', 'a plain string' as never);
    threadsMap(doc).set('empty', new Y.Map());
    doc.getMap('confirmations').set('r-bad', 5);
    doc.getMap('confirmations').set('r-worse', { state: 'confirmed', by: 5, at: 'now' });
  });
}

/**
 * Appends the update `change` makes to a stored document, bypassing the room and its validation.
 * The document's room must not be open (it would not see the update): waits until it unloads.
 */
export async function storeBypassingValidation(server: TestServer, docName: string, change: (doc: Y.Doc) => void): Promise<void> {
  await eventually(() => expect(server.server.rooms.get(docName), `${docName} still open`).toBeUndefined(), 10_000);
  const update = updateOnTop(storedUpdates(await server.server.store.load(docName)), change);
  await server.server.store.append(docName, [update]);
}
