import { mergeAttributes, Node } from '@tiptap/core';
import { imageIdFromUrl } from '../api/images.ts';

/**
 * An image inside the minutes (issue 15): a block that shows a picture stored by the server.
 * `src` is always `/api/images/<id>`: the document schema (model/schema/values.ts) refuses any
 * other value in an update, and pasted HTML with another source (a data: URL, a web address)
 * never becomes an image node, so a document cannot make readers load anything from elsewhere.
 * `alt` is the description screen readers read, and the caption the report's photos use.
 */
declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    minutesImage: {
      /** Inserts an image stored by the server at the selection. */
      insertMinutesImage: (attrs: { src: string; alt?: string | null }) => ReturnType;
    };
  }
}

export const MinutesImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      src: { default: null },
      alt: { default: null },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'img[src]',
        getAttrs: (element) => {
          const src = (element as HTMLElement).getAttribute('src') ?? '';
          // Only the server's own images; another source is dropped from a paste rather than fetched.
          if (!imageIdFromUrl(src)) return false;
          return { src, alt: (element as HTMLElement).getAttribute('alt') || null };
        },
      },
    ];
  },

  renderHTML({ HTMLAttributes }) {
    return ['img', mergeAttributes({ class: 'minutes-image', loading: 'lazy' }, HTMLAttributes)];
  },

  addCommands() {
    return {
      insertMinutesImage:
        (attrs) =>
        ({ commands }) => {
          if (!imageIdFromUrl(attrs.src)) return false;
          return commands.insertContent({ type: this.name, attrs: { src: attrs.src, alt: attrs.alt ?? null } });
        },
    };
  },
});
