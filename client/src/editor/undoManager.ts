import { defaultDeleteFilter, defaultProtectedNodes, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/**
 * The undo manager of one minutes editor, made here and handed to Collaboration (yUndoOptions)
 * instead of letting @tiptap/y-tiptap 3.0.x make it. y-tiptap's yUndoPlugin copies the doc's
 * 'destroy' listeners into a Set before creating its manager (to remove the one Y.UndoManager
 * adds); that Set lives in the same closure scope as the manager's `captureTransaction` option,
 * so every manager keeps the destroy listeners, hence the managers, hence the editors, of every
 * editor alive when it was made, and so on back: no unmounted editor of the page was ever freed
 * (issue 12: heap after scrolling through a 40-slot meeting and back twice the heap after open,
 * with as many editors mounted; heap snapshot retainer path through `captureTransaction`).
 * Same options as y-tiptap's; the listener list is taken in a scope no option closes over.
 */
export function createUndoManager(fragment: Y.XmlFragment): Y.UndoManager {
  const doc = fragment.doc;
  const before = new Set(doc?._observers.get('destroy') ?? []);
  const manager = new Y.UndoManager(fragment, undoOptions());
  // y-tiptap removes these when the editor's view is destroyed (the listener Y.UndoManager leaks).
  (manager as Y.UndoManager & { _yTiptapDocDestroyListeners?: unknown[] })._yTiptapDocDestroyListeners = [...(doc?._observers.get('destroy') ?? [])].filter((listener) => !before.has(listener));
  return manager;
}

/** y-tiptap's own options for the manager, built where nothing else is in scope. */
function undoOptions() {
  return {
    trackedOrigins: new Set<unknown>([ySyncPluginKey]),
    deleteFilter: (item: Y.Item) => defaultDeleteFilter(item, defaultProtectedNodes),
    captureTransaction: (tr: Y.Transaction) => tr.meta.get('addToHistory') !== false,
  };
}
