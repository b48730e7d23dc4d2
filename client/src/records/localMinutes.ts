import { toBase64 } from 'lib0/buffer';
import type * as Y from 'yjs';
import { readAgenda } from '../../../shared/src/model/agendaDoc.ts';
import { readMeta } from '../../../shared/src/model/meetingDoc.ts';
import { slotText } from '../../../shared/src/model/minutesText.ts';
import { GENERAL_SLOT_ID } from '../../../shared/src/schema/fields.ts';

/**
 * The minutes as this device holds them, as Markdown, followed by the refused edits as a Yjs
 * update (base64) that an administrator can merge into a reopened meeting without retyping.
 */
export function localMinutesMarkdown(doc: Y.Doc, unsaved: Uint8Array, heading: string): string {
  const meta = readMeta(doc);
  const lines = [`# ${meta.languages.map((l) => meta.title[l]).filter(Boolean).join(' / ')}`, '', `> ${heading}`, ''];
  const slots = [{ id: GENERAL_SLOT_ID, start: '', title: {} as Record<string, string> }, ...readAgenda(doc)];
  for (const slot of slots) {
    for (const lang of meta.languages) {
      const text = slotText(doc, slot.id, lang).trim();
      if (!text) continue;
      lines.push(`## ${[slot.start, slot.title[lang] ?? slot.id].filter(Boolean).join(' ')} (${lang})`, '', text, '');
    }
  }
  lines.push('```quorum-unsaved-yjs-update', toBase64(unsaved), '```', '');
  return lines.join('\n');
}

