import type { Editor } from '@tiptap/core';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

interface Binding {
  type: Y.XmlFragment;
  doc: Y.Doc;
  mapping: Map<unknown, unknown>;
}

function bindingOf(editor: Editor): Binding | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: Binding } | undefined;
  return state?.binding ?? null;
}

/**
 * The text range the user selected in an editor, as Yjs relative positions (and its quote). Works
 * in read-only editors too: it reads the DOM selection, since reviewers cannot place a caret.
 */
export function selectionAnchor(editor: Editor, allowCollapsed = false): { start: Y.RelativePosition; end: Y.RelativePosition; quote: string } | null {
  const binding = bindingOf(editor);
  const selection = window.getSelection();
  if (!binding || !selection || selection.rangeCount === 0 || (selection.isCollapsed && !allowCollapsed)) return null;
  const range = selection.getRangeAt(0);
  if (!editor.view.dom.contains(range.commonAncestorContainer)) return null;
  const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
  const to = editor.view.posAtDOM(range.endContainer, range.endOffset);
  if (to < from || (to === from && !allowCollapsed)) return null;
  return {
    start: absolutePositionToRelativePosition(from, binding.type, binding.mapping as never),
    end: absolutePositionToRelativePosition(to, binding.type, binding.mapping as never),
    quote: editor.state.doc.textBetween(from, to, ' '),
  };
}

/**
 * Where an anchor is in this editor now (ProseMirror positions), or null when its text is gone.
 * A collapsed anchor (an insertion point) is only valid with `allowCollapsed`.
 */
export function anchorRange(editor: Editor, anchor: { start: unknown; end: unknown }, allowCollapsed = false): { from: number; to: number } | null {
  const binding = bindingOf(editor);
  if (!binding) return null;
  try {
    const from = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(anchor.start), binding.mapping as never);
    const to = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(anchor.end), binding.mapping as never);
    return from !== null && to !== null && (to > from || (allowCollapsed && to === from)) ? { from, to } : null;
  } catch {
    return null;
  }
}
