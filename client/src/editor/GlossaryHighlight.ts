import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PMNode } from '@tiptap/pm/model';

export interface HighlightTerm {
  /** The term in this editor's language. */
  text: string;
  /** Shown on hover: the counterpart(s) in the other languages. */
  hint: string;
}

const key = new PluginKey<DecorationSet>('glossaryHighlight');

function decorate(doc: PMNode, terms: HighlightTerm[]): DecorationSet {
  const decorations: Decoration[] = [];
  const needles = terms.filter((t) => t.text.trim().length > 0).map((t) => ({ ...t, lower: t.text.toLocaleLowerCase() }));
  if (needles.length === 0) return DecorationSet.empty;
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    const lower = node.text.toLocaleLowerCase();
    for (const term of needles) {
      for (let at = lower.indexOf(term.lower); at >= 0; at = lower.indexOf(term.lower, at + term.lower.length)) {
        decorations.push(Decoration.inline(pos + at, pos + at + term.lower.length, { class: 'glossary-term', title: term.hint }));
      }
    }
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Highlights glossary terms of the editor's language, with their counterparts on hover. Terms
 * change through `editor.commands.setGlossaryTerms(terms)`; decorations are view-only, never
 * written to the document.
 */
export const GlossaryHighlight = Extension.create<{ terms: HighlightTerm[] }>({
  name: 'glossaryHighlight',
  addOptions() {
    return { terms: [] };
  },
  addProseMirrorPlugins() {
    const initial = this.options.terms;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => decorate(state.doc, initial),
          apply: (tr, old, _oldState, newState) => {
            const next = tr.getMeta(key) as HighlightTerm[] | undefined;
            if (next) return decorate(newState.doc, next);
            return tr.docChanged ? decorate(newState.doc, (this.storage as { terms: HighlightTerm[] }).terms) : old;
          },
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
  addStorage() {
    return { terms: this.options.terms };
  },
  addCommands() {
    return {
      setGlossaryTerms:
        (terms: HighlightTerm[]) =>
        ({ tr, dispatch }) => {
          (this.storage as { terms: HighlightTerm[] }).terms = terms;
          if (dispatch) tr.setMeta(key, terms);
          return true;
        },
    };
  },
});

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    glossaryHighlight: {
      setGlossaryTerms: (terms: HighlightTerm[]) => ReturnType;
    };
  }
}
