import type { Editor } from '@tiptap/react';
import { useSyncExternalStore } from 'react';
import { useMeeting } from './meetingContext.tsx';

/**
 * The minutes editor the user last focused (the toolbar acts on it). Kept outside React state so
 * that focusing an editor renders the toolbar, not the whole page.
 */
export class FocusedEditor {
  private editor: Editor | null = null;
  private readonly listeners = new Set<() => void>();

  get = (): Editor | null => this.editor;

  set(editor: Editor): void {
    if (this.editor === editor) return;
    this.editor = editor;
    this.notify();
  }

  /** An editor unmounts: the toolbar must not act on it any more. */
  forget(editor: Editor): void {
    if (this.editor !== editor) return;
    this.editor = null;
    this.notify();
  }

  /**
   * Tells the others where our caret is again. An editor that is destroyed clears our caret from
   * awareness (y-prosemirror's cursor plugin), even when another editor has the focus.
   */
  reassertCaret = (): void => {
    const editor = this.editor;
    if (editor && !editor.isDestroyed && editor.view.hasFocus()) editor.view.dispatch(editor.state.tr.setMeta('addToHistory', false));
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify() {
    for (const listener of [...this.listeners]) listener();
  }
}

export function useFocusedEditor(): FocusedEditor {
  return useMeeting().focused;
}

/** The focused editor, re-rendering the caller when it changes. */
export function useFocusedEditorValue(): Editor | null {
  const focused = useFocusedEditor();
  return useSyncExternalStore(focused.subscribe, focused.get);
}
