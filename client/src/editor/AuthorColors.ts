import { Extension, type Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

export interface AuthorColoring {
  /** Yjs client id -> colour of its author; empty map: colouring off. */
  colors: Map<number, string>;
}

const key = new PluginKey<DecorationSet>('authorColors');

/**
 * Colours the text by who wrote it. Each character's Yjs item carries the client id that inserted
 * it; the server tells which user each client id belongs to. Walks every text block's Y.XmlText
 * items alongside the ProseMirror positions (view-only decorations, nothing is written).
 */
function decorate(editor: Editor, doc: PMNode, colors: Map<number, string>): DecorationSet {
  if (colors.size === 0) return DecorationSet.empty;
  // y-prosemirror maps Yjs types to the ProseMirror nodes they render; we need the reverse.
  const binding = (ySyncPluginKey.getState(editor.state) as { binding?: { mapping: Map<Y.AbstractType<unknown>, PMNode | PMNode[]> } } | undefined)?.binding;
  if (!binding) return DecorationSet.empty;
  const typeOf = new Map<PMNode, Y.AbstractType<unknown>>();
  for (const [type, node] of binding.mapping) if (!Array.isArray(node)) typeOf.set(node, type);
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    const yElement = typeOf.get(node);
    if (!(yElement instanceof Y.XmlElement)) return false;
    let at = pos + 1;
    for (const child of yElement.toArray()) {
      if (!(child instanceof Y.XmlText)) {
        at += 1; // an inline node (hard break)
        continue;
      }
      for (let item = child._start; item !== null; item = item.right) {
        if (item.deleted || !item.countable) continue;
        const color = colors.get(item.id.client);
        if (color && item.content instanceof Y.ContentString) {
          decorations.push(Decoration.inline(at, at + item.length, { style: `background-color: ${color}22; box-shadow: inset 0 -2px 0 ${color}` }));
        }
        at += item.length;
      }
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

export const AuthorColors = Extension.create({
  name: 'authorColors',
  addStorage() {
    return { colors: new Map<number, string>() };
  },
  addProseMirrorPlugins() {
    const editor = this.editor as Editor;
    const storage = this.storage as AuthorColoring;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, old, _o, state) => (tr.getMeta(key) || (tr.docChanged && storage.colors.size > 0) ? decorate(editor, state.doc, storage.colors) : old.map(tr.mapping, tr.doc)),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
  addCommands() {
    return {
      setAuthorColors:
        (colors: Map<number, string>) =>
        ({ tr, dispatch }) => {
          (this.storage as AuthorColoring).colors = colors;
          if (dispatch) tr.setMeta(key, true);
          return true;
        },
    };
  },
});

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    authorColors: {
      setAuthorColors: (colors: Map<number, string>) => ReturnType;
    };
  }
}
