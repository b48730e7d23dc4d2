import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { anchorRange } from '../review/anchors.ts';

export interface HighlightThread {
  id: string;
  anchor: { start: unknown; end: unknown };
  resolved: boolean;
  /** The text the thread was made on ('' for a suggested insertion at a point). */
  quote?: string;
  /** An open suggestion: shown like a tracked change, the old text struck through. */
  suggestion?: { replacement: string; state: string } | null;
  authorName?: string;
}

const key = new PluginKey<DecorationSet>('reviewHighlights');

/**
 * Highlights the ranges that review threads are anchored to (open threads strongly, resolved
 * faintly). Ranges are recomputed from the Yjs anchors on every change, so they follow the text.
 */
export const ReviewHighlights = Extension.create({
  name: 'reviewHighlights',
  addStorage() {
    return { threads: [] as HighlightThread[] };
  },
  addProseMirrorPlugins() {
    const editor = this.editor as Editor;
    const storage = this.storage as { threads: HighlightThread[] };
    const build = (doc: Parameters<typeof DecorationSet.create>[0]) => {
      const decorations: Decoration[] = [];
      for (const thread of storage.threads) {
        const insertion = thread.suggestion?.state === 'open' && thread.quote === '';
        const range = anchorRange(editor, thread.anchor, insertion);
        if (!range || range.to > doc.content.size) continue;
        const suggestion = thread.suggestion?.state === 'open' ? thread.suggestion : null;
        if (range.to > range.from) decorations.push(
          Decoration.inline(range.from, range.to, {
            class: suggestion ? 'review-suggestion' : thread.resolved ? 'review-anchor resolved' : 'review-anchor',
            'data-thread': thread.id,
          }),
        );
        if (suggestion && suggestion.replacement) {
          decorations.push(
            Decoration.widget(range.to, () => {
              const ins = document.createElement('ins');
              ins.className = 'review-suggestion-insert';
              ins.title = thread.authorName ?? '';
              ins.textContent = suggestion.replacement; // text, never HTML
              return ins;
            }, { side: 1, key: `s-${thread.id}-${suggestion.replacement}` }),
          );
        }
      }
      return DecorationSet.create(doc, decorations);
    };
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => DecorationSet.create(state.doc, []),
          apply: (tr, old, _o, state) => (tr.getMeta(key) || tr.docChanged ? build(state.doc) : old),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
  addCommands() {
    return {
      setReviewThreads:
        (threads: HighlightThread[]) =>
        ({ tr, dispatch }) => {
          (this.storage as { threads: HighlightThread[] }).threads = threads;
          if (dispatch) tr.setMeta(key, true);
          return true;
        },
    };
  },
});

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    reviewHighlights: {
      setReviewThreads: (threads: HighlightThread[]) => ReturnType;
    };
  }
}
