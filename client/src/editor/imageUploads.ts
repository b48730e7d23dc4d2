import type { Editor } from '@tiptap/core';
import { isReadOnly } from './ReadOnlyCaret.ts';
import { uploadImageFile } from './imageUpload.ts';

export type ImageUploadState =
  | { status: 'idle' }
  | { status: 'uploading'; name: string; progress: number; remaining: number }
  | { status: 'error'; name: string; error: unknown };

/**
 * The meeting's image uploads, for the toolbar (button, progress, error) and for paste and drop
 * in any slot's editor. Files go one after another: each is inserted where it was aimed once
 * stored, so a failed upload leaves nothing half-inserted in the shared document.
 */
export class ImageUploads {
  private state: ImageUploadState = { status: 'idle' };
  private readonly listeners = new Set<() => void>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly meetingId: string,
    private readonly upload = uploadImageFile,
  ) {}

  get = (): ImageUploadState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  dismiss = (): void => this.set({ status: 'idle' });

  /** Uploads the image files among `files` and inserts each at `pos` (default: the selection) of `editor`. */
  insert(editor: Editor, files: Iterable<File>, pos?: number): void {
    const images = [...files];
    if (images.length === 0 || isReadOnly(editor)) return;
    // Where the user aimed; by the time the upload ends others may have edited, so it is clamped.
    let target = pos ?? editor.state.selection.to;
    images.forEach((file, index) => {
      this.queue = this.queue.then(async () => {
        if (editor.isDestroyed) return;
        this.set({ status: 'uploading', name: file.name, progress: 0, remaining: images.length - index });
        try {
          const image = await this.upload(this.meetingId, file, (progress) => this.set({ status: 'uploading', name: file.name, progress, remaining: images.length - index }));
          if (editor.isDestroyed) return;
          target = Math.min(target, editor.state.doc.content.size);
          const alt = file.name.replace(/\.[a-z0-9]+$/i, '').slice(0, 200) || null;
          editor.chain().insertContentAt(target, { type: 'image', attrs: { src: image.url, alt } }).run();
          target = editor.state.selection.to;
          if (index === images.length - 1) this.set({ status: 'idle' });
        } catch (error) {
          this.set({ status: 'error', name: file.name, error });
        }
      });
    });
  }

  private set(state: ImageUploadState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
