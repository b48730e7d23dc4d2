/**
 * The ANCHOR page of the client benchmark: bare Tiptap + Collaboration + CollaborationCaret, one
 * editor per minutes fragment of the same meeting doc on the same server, no React and no app
 * around it. What the editing stack costs by itself; the meeting page is judged against it.
 *
 * It uses the product's schema extensions (the same nodes as the meeting page, so no node is
 * dropped from the shared doc) and the stock y-websocket provider, signed in by the page's
 * session cookie (same origin), with the account's own name and id in its caret, so the server
 * has no reason to close it. Like the meeting page it opens at `#slot-<id>`: that slot's editors
 * first, then one slot per task in agenda order. Bundled by ../bundles.ts.
 */
import { Editor } from '@tiptap/core';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readAgenda, type AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { createSchemaExtensions } from '../../../shared/src/schema/extensions.ts';
import { minutesField } from '../../../shared/src/schema/fields.ts';

const params = new URLSearchParams(location.search);
const docName = params.get('doc') ?? '';
const user = { id: params.get('userId') ?? '', name: params.get('userName') ?? '', color: '#c05621' };
const targetSlotId = /^#slot-(.+)$/.exec(location.hash)?.[1] ?? null;

const doc = new Y.Doc();
const provider = new WebsocketProvider(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`, docName, doc, { disableBc: true });
const main = document.createElement('main');
document.body.append(main);

const hasMinutes = (slot: AgendaSlot) => slot.kind !== 'break' && slot.kind !== 'photo';

function section(slot: AgendaSlot): HTMLElement {
  const el = document.createElement('section');
  el.id = `slot-${slot.id}`;
  el.className = 'slot';
  const heading = document.createElement('h2');
  heading.textContent = `${slot.start} ${Object.values(slot.title).join(' / ')}`;
  el.append(heading);
  return el;
}

function mountEditors(slot: AgendaSlot, into: HTMLElement, languages: string[]): void {
  const row = document.createElement('div');
  row.className = 'editors';
  for (const lang of languages) {
    const column = document.createElement('div');
    column.dataset.testid = `editor-${lang}`;
    row.append(column);
    new Editor({
      element: column,
      extensions: [...createSchemaExtensions(), Collaboration.configure({ fragment: doc.getXmlFragment(minutesField(slot.id, lang)) }), CollaborationCaret.configure({ provider, user })],
      editorProps: { attributes: { class: 'minutes-prose', lang } },
    });
  }
  into.append(row);
}

provider.once('sync', () => {
  const languages = readMeta(doc).languages;
  const slots = readAgenda(doc);
  const sections = new Map(slots.map((slot) => [slot.id, section(slot)] as const));
  main.append(...sections.values());
  const order = slots.filter(hasMinutes).sort((a, b) => Number(b.id === targetSlotId) - Number(a.id === targetSlotId));
  const mountNext = () => {
    const slot = order.shift();
    if (!slot) return;
    mountEditors(slot, sections.get(slot.id)!, languages);
    if (slot.id === targetSlotId) sections.get(slot.id)!.scrollIntoView({ block: 'start', behavior: 'instant' });
    setTimeout(mountNext, 0);
  };
  mountNext();
});
