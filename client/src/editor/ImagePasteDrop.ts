import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { IMAGE_TYPES } from '../../../shared/src/api/images.ts';

const key = new PluginKey('imagePasteDrop');

const imageFiles = (list: FileList | null | undefined): File[] => [...(list ?? [])].filter((f) => f.type.startsWith('image/'));

export interface ImagePasteDropOptions {
  /**
   * Receives pasted or dropped image files and where they go (the drop point, or the selection for
   * a paste). Files of other image types are passed on too, so the user hears why they were refused.
   * @default null (pasting and dropping images does nothing)
   * @example ImagePasteDrop.configure({ onFiles: (files, pos) => uploads.insert(editor, files, pos) })
   */
  onFiles: ((files: File[], pos: number | undefined) => void) | null;
}

/**
 * Pasting or dropping an image file uploads it and inserts the stored image, instead of the
 * browser's default (a data: URL, which the document schema refuses, or nothing at all).
 */
export const ImagePasteDrop = Extension.create<ImagePasteDropOptions>({
  name: 'imagePasteDrop',
  addOptions() {
    return { onFiles: null };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin({
        key,
        props: {
          handlePaste: (_view, event) => {
            const files = imageFiles(event.clipboardData?.files);
            if (files.length === 0 || !options.onFiles) return false;
            options.onFiles(files, undefined);
            return true;
          },
          handleDrop: (view, event) => {
            const files = imageFiles(event.dataTransfer?.files);
            if (files.length === 0 || !options.onFiles) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
            options.onFiles(files, at?.pos);
            return true;
          },
        },
      }),
    ];
  },
});

/** The file chooser's filter: what the server accepts. */
export const IMAGE_ACCEPT = IMAGE_TYPES.join(',');
