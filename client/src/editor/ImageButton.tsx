import { useEditorState, type Editor } from '@tiptap/react';
import { NodeSelection } from '@tiptap/pm/state';
import { useRef, useSyncExternalStore } from 'react';
import { describeError, useT } from '../i18n/i18n.tsx';
import { IMAGE_ACCEPT } from './ImagePasteDrop.ts';
import type { ImageUploads } from './imageUploads.ts';

/**
 * The toolbar's "insert image" button (a file chooser), and the state of uploads started here or
 * by paste and drop: progress while a file goes up, and why it failed, until dismissed.
 */
export function ImageButton({ editor, uploads, disabled }: { editor: Editor | null; uploads: ImageUploads; disabled: boolean }) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const state = useSyncExternalStore(uploads.subscribe, uploads.get);
  // The description of the selected image (click an image to select it), or null when none is selected.
  const selectedAlt = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const selection = e?.state.selection;
      return selection instanceof NodeSelection && selection.node.type.name === 'image' ? String(selection.node.attrs.alt ?? '') : null;
    },
  });
  const describe = () => {
    if (!editor || selectedAlt === null) return;
    // A prompt, like the link's: short text, and it works from the keyboard and with screen readers.
    const alt = window.prompt(t('image.describePrompt'), selectedAlt);
    if (alt !== null) editor.chain().focus().updateAttributes('image', { alt: alt.trim().slice(0, 500) || null }).run();
  };
  return (
    <>
      <button
        type="button"
        aria-label={`${t('image.insertShort')} ${t('image.insert')}`}
        title={t('image.insert')}
        disabled={disabled || state.status === 'uploading'}
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => input.current?.click()}
      >
        {t('image.insertShort')}
      </button>
      <button type="button" title={t('image.describe')} disabled={disabled || selectedAlt === null} onMouseDown={(e) => e.preventDefault()} onClick={describe}>
        {t('image.describe')}
      </button>
      <input
        ref={input}
        type="file"
        accept={IMAGE_ACCEPT}
        multiple
        hidden
        data-testid="image-file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = ''; // the same file may be chosen again
          if (editor) uploads.insert(editor, files);
        }}
      />
      <span role="status" className="image-upload-status">
        {state.status === 'uploading' && (
          <>
            {t('image.uploading', { name: state.name, percent: Math.round(state.progress * 100) })}{' '}
            <progress max={1} value={state.progress} aria-hidden="true" />
          </>
        )}
      </span>
      {state.status === 'error' && (
        <span role="alert" className="image-upload-error">
          {t('image.failed', { name: state.name, reason: describeError(t, state.error) })}{' '}
          <button type="button" onClick={uploads.dismiss}>
            {t('image.dismiss')}
          </button>
        </span>
      )}
    </>
  );
}
