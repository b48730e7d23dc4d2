import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createUndoManager } from './undoManager.ts';

describe('createUndoManager (the minutes editors’ undo, made outside y-tiptap)', () => {
  it('undoes what the editor wrote, not what others wrote, and hands y-tiptap the destroy listener to remove', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('minutes');
    const text = new Y.XmlText();
    fragment.insert(0, [text]);
    const manager = createUndoManager(fragment);
    // The editor's own edits carry the sync plugin's key as origin (y-prosemirror does so).
    doc.transact(() => text.insert(0, 'mine '), ySyncPluginKey);
    doc.transact(() => text.insert(text.length, 'theirs'), 'remote');
    expect(manager.undoStack).toHaveLength(1);
    manager.undo();
    expect(text.toString()).toBe('theirs');
    // Exactly the listener Y.UndoManager added to the doc, for y-tiptap's view destroy to remove.
    const listeners = (manager as Y.UndoManager & { _yTiptapDocDestroyListeners: Array<() => void> })._yTiptapDocDestroyListeners;
    expect(listeners).toHaveLength(1);
    expect(doc._observers.get('destroy')?.has(listeners[0]!)).toBe(true);
  });
});
