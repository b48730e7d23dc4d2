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

/** The editor's own selection (caret) as Yjs positions, which stay valid while others edit. */
export function editorSelection(editor: Editor): { anchor: Y.RelativePosition; head: Y.RelativePosition } | null {
  const binding = bindingOf(editor);
  if (!binding || editor.isDestroyed) return null;
  const { anchor, head } = editor.state.selection;
  return {
    anchor: absolutePositionToRelativePosition(anchor, binding.type, binding.mapping as never),
    head: absolutePositionToRelativePosition(head, binding.type, binding.mapping as never),
  };
}

/** Puts a selection saved by `editorSelection` back (where its text is now), without focusing or scrolling. */
export function restoreSelection(editor: Editor, saved: { anchor: Y.RelativePosition; head: Y.RelativePosition }): void {
  const binding = bindingOf(editor);
  if (!binding) return;
  const anchor = relativePositionToAbsolutePosition(binding.doc, binding.type, saved.anchor, binding.mapping as never);
  const head = relativePositionToAbsolutePosition(binding.doc, binding.type, saved.head, binding.mapping as never);
  if (anchor === null || head === null) return;
  const size = editor.state.doc.content.size;
  editor.commands.setTextSelection({ from: Math.min(anchor, size), to: Math.min(head, size) });
}
