import * as Y from 'yjs';
import { readThreads, resolveAnchor, type ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { minutesField } from '../../../shared/src/schema/fields.ts';
import type { ExportModel, PMNode } from './exportModel.ts';
import { exportLabels } from './labels.ts';

/**
 * Optional annotations of an export, applied to the model before any renderer sees it, so that
 * DOCX, PDF, HTML and Markdown show the same thing without each knowing about them:
 * - authorship: after every paragraph a short italic line naming who wrote its text;
 * - notes: comment threads as numbered notes; the paragraph holding a thread's anchor gets a
 *   marker `[n]`, and the slot's minutes end with the notes in order.
 * Both work on top-level blocks: `minutes/<slot>/<lang>` is a Y.XmlFragment whose children map
 * one to one onto the ProseMirror doc's top-level nodes.
 */
export interface AnnotationOptions {
  authorship: boolean;
  notes: boolean;
}

export interface AnnotationSources {
  minutes: Y.Doc;
  review: Y.Doc | null;
  /** Yjs client id -> user id, as recorded by the server when the update arrived. */
  clientAuthors: ReadonlyMap<number, string>;
  /** User id -> display name. */
  names: ReadonlyMap<string, string>;
}

/** Client ids whose live (not deleted) text is in this block. */
function blockClients(block: Y.XmlElement | Y.XmlText | Y.XmlHook): Set<number> {
  const clients = new Set<number>();
  const walk = (node: unknown): void => {
    if (node instanceof Y.XmlText) {
      for (let item = node._start; item; item = item.right) if (!item.deleted && item.countable) clients.add(item.id.client);
    } else if (node instanceof Y.XmlElement) {
      for (const child of node.toArray()) walk(child);
    }
  };
  walk(block);
  return clients;
}

/** Index of the top-level block of `fragment` that contains `type` (a text or element inside it). */
function topLevelIndex(fragment: Y.XmlFragment, type: Y.AbstractType<unknown>): number {
  let node: Y.AbstractType<unknown> | null = type;
  while (node && node.parent !== fragment) node = node.parent as Y.AbstractType<unknown> | null;
  if (!node) return -1;
  return fragment.toArray().indexOf(node as Y.XmlElement);
}

const text = (value: string, italic = false): PMNode => ({ type: 'text', text: value, ...(italic ? { marks: [{ type: 'italic' }] } : {}) });
const paragraph = (...content: PMNode[]): PMNode => ({ type: 'paragraph', content });

function authorshipLine(clients: Set<number>, sources: AnnotationSources, label: string): PMNode | null {
  const names = [...new Set([...clients].map((c) => sources.clientAuthors.get(c)).filter((u): u is string => !!u))].map(
    (userId) => sources.names.get(userId) ?? userId,
  );
  return names.length > 0 ? paragraph(text(`— ${label}: ${names.sort().join(', ')}`, true)) : null;
}

function noteParagraph(n: number, thread: ThreadData, labels: ReturnType<typeof exportLabels>): PMNode {
  const comments = thread.comments.filter((c) => !c.deleted);
  const body = comments.map((c) => `${c.authorName}: ${c.text}`).join(' / ');
  const suggestion = thread.suggestion ? ` [${labels.suggestion}: “${thread.suggestion.replacement}” — ${thread.suggestion.state}]` : '';
  const state = thread.resolved ? ` (${labels.resolved})` : '';
  return paragraph(text(`[${n}] `), text(`“${thread.quote}”`, true), text(` ${body}${suggestion}${state}`));
}

/** A copy of `model` with the requested annotations added to every slot's minutes. */
export function annotateModel(model: ExportModel, sources: AnnotationSources, options: AnnotationOptions): ExportModel {
  if (!options.authorship && !options.notes) return model;
  const threads = options.notes && sources.review ? readThreads(sources.review).filter((t) => !t.comments.every((c) => c.deleted)) : [];
  let noteNumber = 0;
  const slots = model.slots.map((slot) => {
    const minutes: Record<string, PMNode> = {};
    for (const [lang, doc] of Object.entries(slot.minutes)) {
      const labels = exportLabels(lang);
      const fragment = sources.minutes.getXmlFragment(minutesField(slot.id, lang));
      const blocks = fragment.toArray();
      const markers = new Map<number, number[]>();
      const notes: PMNode[] = [];
      for (const thread of threads.filter((t) => t.slotId === slot.id && t.lang === lang)) {
        noteNumber += 1;
        const range = resolveAnchor(sources.minutes, thread.anchor);
        const index = range ? topLevelIndex(fragment, range.type) : -1;
        if (index >= 0) markers.set(index, [...(markers.get(index) ?? []), noteNumber]);
        notes.push(noteParagraph(noteNumber, thread, labels));
      }
      const content: PMNode[] = [];
      (doc.content ?? []).forEach((node, i) => {
        const marks = markers.get(i);
        content.push(marks && node.type === 'paragraph' ? { ...node, content: [...(node.content ?? []), text(` ${marks.map((m) => `[${m}]`).join('')}`)] } : node);
        if (marks && node.type !== 'paragraph') content.push(paragraph(text(marks.map((m) => `[${m}]`).join(''))));
        const block = blocks[i];
        const line = options.authorship && block ? authorshipLine(blockClients(block), sources, labels.writtenBy) : null;
        if (line) content.push(line);
      });
      if (notes.length > 0) content.push(paragraph(text(labels.notes, true)), ...notes);
      minutes[lang] = { ...doc, content };
    }
    return { ...slot, minutes };
  });
  return { ...model, slots };
}
