import { Extension, type Editor } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';

const key = new PluginKey('readOnlyCaret');

interface ReadOnlyStorage {
  readOnly: boolean;
}

/** Whether the person may not write in this editor (see ReadOnlyCaret). */
export const isReadOnly = (editor: Editor): boolean => (editor.storage as unknown as Record<string, ReadOnlyStorage | undefined>).readOnlyCaret?.readOnly ?? !editor.isEditable;

/**
 * A read-only editor that still has a caret: a reviewer (or a delegate in the final draft) selects
 * text with Shift+arrows and comments on it from the keyboard. ProseMirror's own read-only mode
 * (`editable: false`, contenteditable="false") has no caret, so only the mouse could select.
 *
 * The editor therefore stays editable for ProseMirror and Tiptap, and this extension makes it
 * read-only (`setReadOnly`): it refuses every change that does not come from the shared document
 * (remote edits still show), cancels `beforeinput` (typing, Enter, Backspace, paste, cut, drop,
 * undo), keeps undo/redo away from the shared document, marks the editor `aria-readonly` and asks
 * for no on-screen keyboard. Code that asks "may I write here?" calls `isReadOnly(editor)`. The
 * server refuses the person's writes whatever this does; this keeps the screen honest.
 */
export const ReadOnlyCaret = Extension.create<{ readOnly: boolean }, ReadOnlyStorage>({
  name: 'readOnlyCaret',
  // Before Collaboration's undo shortcuts, so Mod-z never reaches the Yjs undo manager.
  priority: 1_000,
  addOptions() {
    return { readOnly: false };
  },
  addStorage() {
    return { readOnly: this.options.readOnly };
  },
  addCommands() {
    return {
      setReadOnly:
        (readOnly: boolean) =>
        ({ tr, dispatch }) => {
          this.storage.readOnly = readOnly;
          // A transaction, so the view redraws its attributes (aria-readonly, inputmode).
          if (dispatch) tr.setMeta(key, readOnly).setMeta('addToHistory', false);
          return true;
        },
    };
  },
  addKeyboardShortcuts() {
    const refuse = () => this.storage.readOnly;
    return { 'Mod-z': refuse, 'Mod-y': refuse, 'Shift-Mod-z': refuse, Enter: refuse, Backspace: refuse, Delete: refuse };
  },
  addProseMirrorPlugins() {
    const storage = this.storage;
    const readOnly = () => storage.readOnly;
    return [
      new Plugin({
        key,
        filterTransaction: (tr) => !readOnly() || !tr.docChanged || isChangeOrigin(tr),
        props: {
          attributes: (): Record<string, string> => (readOnly() ? { 'aria-readonly': 'true', inputmode: 'none' } : {}),
          handleDOMEvents: {
            beforeinput: (_view, event) => refuseEvent(readOnly(), event),
            paste: (_view, event) => refuseEvent(readOnly(), event),
            cut: (_view, event) => refuseEvent(readOnly(), event),
            drop: (_view, event) => refuseEvent(readOnly(), event),
          },
        },
      }),
    ];
  },
});

function refuseEvent(readOnly: boolean, event: Event): boolean {
  if (!readOnly) return false;
  event.preventDefault();
  return true;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    readOnlyCaret: {
      /** Read-only with a caret (true) or writable (false). */
      setReadOnly: (readOnly: boolean) => ReturnType;
    };
  }
}
