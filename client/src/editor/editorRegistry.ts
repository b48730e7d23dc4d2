import type { Editor } from '@tiptap/core';
import type * as Y from 'yjs';
import { editorSelection, restoreSelection } from '../review/anchors.ts';

/** `${slotId}/${lang}`: the key of one minutes editor. */
export const editorKey = (slotId: string, lang: string): string => `${slotId}/${lang}`;

/**
 * The minutes editors that are mounted now, by slot and language. Editors far from the viewport
 * are unmounted (see SlotMounts); whoever needs one (inserting a glossary counterpart, accepting
 * a suggestion, the comment box reading the selection) asks here, and `whenMounted` waits for it.
 * The selection of an editor that unmounts is kept (as Yjs positions) and put back when it returns.
 */
export class EditorRegistry {
  private readonly editors = new Map<string, Editor>();
  private readonly waiting = new Map<string, Array<(editor: Editor) => void>>();
  private readonly selections = new Map<string, { anchor: Y.RelativePosition; head: Y.RelativePosition }>();
  private readonly listeners = new Set<() => void>();

  register(key: string, editor: Editor): void {
    this.editors.set(key, editor);
    const saved = this.selections.get(key);
    if (saved) restoreSelection(editor, saved);
    for (const resolve of this.waiting.get(key) ?? []) resolve(editor);
    this.waiting.delete(key);
    this.notify();
  }

  unregister(key: string, editor: Editor): void {
    if (this.editors.get(key) !== editor) return;
    const selection = editorSelection(editor);
    if (selection) this.selections.set(key, selection);
    this.editors.delete(key);
    this.notify();
  }

  get(key: string): Editor | undefined {
    return this.editors.get(key);
  }

  /** The editor once it is mounted (at once if it is). */
  whenMounted(key: string): Promise<Editor> {
    const editor = this.editors.get(key);
    if (editor) return Promise.resolve(editor);
    return new Promise((resolve) => this.waiting.set(key, [...(this.waiting.get(key) ?? []), resolve]));
  }

  entries(): IterableIterator<[string, Editor]> {
    return this.editors.entries();
  }

  /** Called whenever an editor mounts or unmounts. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify() {
    for (const listener of [...this.listeners]) listener();
  }
}
