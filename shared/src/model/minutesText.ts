import * as Y from 'yjs';
import { minutesField } from '../schema/fields.ts';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../schema/minutesItems.ts';

/** Plain text of a Yjs XML node (formatting dropped), as the editor shows it. */
export function plainText(node: Y.XmlElement | Y.XmlFragment | Y.XmlText): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as Array<{ insert: unknown }>).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  return node.toArray().map((child) => plainText(child as Y.XmlElement | Y.XmlText)).join('');
}

/** The text blocks (paragraphs, headings, list items' paragraphs) of a fragment, in order. */
export function blocks(fragment: Y.XmlFragment): Y.XmlElement[] {
  const out: Y.XmlElement[] = [];
  const walk = (node: Y.XmlElement | Y.XmlFragment) => {
    for (const child of node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (child.nodeName === 'paragraph' || child.nodeName === 'heading') out.push(child);
      else walk(child);
    }
  };
  walk(fragment);
  return out;
}

/** The minutes of one slot in one language as plain text, one line per block. */
export function slotText(doc: Y.Doc, slotId: string, lang: string): string {
  return blocks(doc.getXmlFragment(minutesField(slotId, lang))).map(plainText).join('\n');
}

export interface MinutesItem {
  kind: 'decision' | 'action';
  slotId: string;
  lang: string;
  anchor: string | null;
  text: string;
  outcome: DecisionOutcome | null;
  owner: string | null;
  due: string | null;
  speaker: string | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** Every decision and action marked in the minutes, per slot and language, in agenda order. */
export function collectItems(doc: Y.Doc, slotIds: string[], languages: string[]): MinutesItem[] {
  const items: MinutesItem[] = [];
  for (const slotId of slotIds) {
    for (const lang of languages) {
      for (const block of blocks(doc.getXmlFragment(minutesField(slotId, lang)))) {
        const kind = block.getAttribute('item');
        if (kind !== 'decision' && kind !== 'action') continue;
        const outcome = block.getAttribute('outcome');
        items.push({
          kind,
          slotId,
          lang,
          anchor: str(block.getAttribute('anchor')),
          text: plainText(block),
          outcome: DECISION_OUTCOMES.includes(outcome as DecisionOutcome) ? (outcome as DecisionOutcome) : null,
          owner: str(block.getAttribute('owner')),
          due: str(block.getAttribute('due')),
          speaker: str(block.getAttribute('speaker')),
        });
      }
    }
  }
  return items;
}

/** How many paragraphs are attributed to each roster entry, across all slots and languages. */
export function attributedParagraphs(doc: Y.Doc): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name] of doc.share) {
    if (!name.startsWith('minutes/')) continue;
    for (const block of blocks(doc.getXmlFragment(name))) {
      const speaker = block.getAttribute('speaker');
      if (typeof speaker === 'string' && speaker) counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
    }
  }
  return counts;
}
