import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

const key = new PluginKey<DecorationSet>('speakerLabels');

function decorate(doc: PMNode, labels: Record<string, string>): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const speaker = node.attrs?.speaker as string | null | undefined;
    if (!speaker || !node.isTextblock) return;
    const text = `${labels[speaker] ?? speaker}: `;
    decorations.push(
      Decoration.widget(pos + 1, () => {
        const span = document.createElement('span');
        span.className = 'speaker-label';
        span.contentEditable = 'false';
        span.textContent = text; // text, never HTML
        return span;
      }, { side: -1, key: `${speaker}:${text}`, ignoreSelection: true }),
    );
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Shows who speaks in an attributed paragraph ("Chinese Taipei / 中華臺北: …") from the roster.
 * The label is a view-only widget: the document keeps only the roster id.
 */
export const SpeakerLabels = Extension.create({
  name: 'speakerLabels',
  addStorage() {
    return { labels: {} as Record<string, string> };
  },
  addProseMirrorPlugins() {
    const storage = this.storage as { labels: Record<string, string> };
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => decorate(state.doc, storage.labels),
          apply: (tr, old, _o, state) => (tr.getMeta(key) || tr.docChanged ? decorate(state.doc, storage.labels) : old),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
  addCommands() {
    return {
      setSpeakerLabels:
        (labels: Record<string, string>) =>
        ({ tr, dispatch }) => {
          (this.storage as { labels: Record<string, string> }).labels = labels;
          if (dispatch) tr.setMeta(key, true);
          return true;
        },
    };
  },
});

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    speakerLabels: {
      setSpeakerLabels: (labels: Record<string, string>) => ReturnType;
    };
  }
}
