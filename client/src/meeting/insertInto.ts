import type { Editor } from '@tiptap/react';
import type { Node as PMNode } from '@tiptap/pm/model';
import { useCallback } from 'react';
import { editorKey } from '../editor/editorRegistry.ts';
import { counterpartPlace } from './counterpartPlace.ts';
import { useFocusedEditor } from './focusedEditor.ts';
import { useMeeting } from './meetingContext.tsx';

/** Where the text came from: the term as written in another language of the same slot. */
export interface InsertSource {
  lang: string;
  term: string;
}

/** A text node: a term is text, never HTML to parse. */
const asText = (text: string) => ({ type: 'text', text });

/** The text blocks of a document with their positions. */
function textBlocks(doc: PMNode): Array<{ pos: number; node: PMNode }> {
  const blocks: Array<{ pos: number; node: PMNode }> = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    blocks.push({ pos, node });
    return false;
  });
  return blocks;
}

/** The document position of a character offset inside a text block (inline leaves count as one). */
function positionIn(block: { pos: number; node: PMNode }, offset: number): number {
  let chars = 0;
  let pos = block.pos + 1;
  for (let i = 0; i < block.node.childCount; i++) {
    const child = block.node.child(i);
    const length = child.isText ? child.text!.length : 1;
    if (chars + length >= offset) return pos + (offset - chars);
    chars += length;
    pos += child.nodeSize;
  }
  return block.pos + block.node.nodeSize - 1;
}

/**
 * Inserts text into the minutes of a slot and language (a glossary counterpart): at the caret if
 * the person's caret was last in that editor; else, given where the term sits in the other
 * language, at the matching place (counterpartPlace); else at the end. The slot's editors are
 * mounted first if they were not (far from the viewport).
 */
export function useInsertInto(): (slotId: string, lang: string, text: string, source?: InsertSource) => Promise<void> {
  const { editors, mounts } = useMeeting();
  const focused = useFocusedEditor();
  return useCallback(
    async (slotId: string, lang: string, text: string, source?: InsertSource) => {
      mounts.request(slotId);
      const editor = await editors.whenMounted(editorKey(slotId, lang));
      if (focused.get() === editor) {
        // The caret stays in the editor's state when the button takes the focus.
        editor.chain().focus().insertContent(asText(text)).run();
        return;
      }
      const from: Editor | undefined = source ? editors.get(editorKey(slotId, source.lang)) : undefined;
      const targetBlocks = textBlocks(editor.state.doc);
      const place = from && source ? counterpartPlace(textBlocks(from.state.doc).map((b) => b.node.textContent), targetBlocks.map((b) => b.node.textContent), source.term, text) : null;
      if (place) {
        const at = positionIn(targetBlocks[place.block]!, place.offset);
        editor.chain().focus().insertContentAt(at, asText(place.text)).run();
        return;
      }
      editor.chain().focus('end').insertContent(asText(` ${text}`)).run();
    },
    [editors, mounts, focused],
  );
}
