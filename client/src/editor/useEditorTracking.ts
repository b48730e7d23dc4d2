import type { Editor } from '@tiptap/react';
import { useCallback } from 'react';
import type { FocusedEditor } from '../meeting/focusedEditor.ts';
import type { EditorRegistry } from './editorRegistry.ts';

/**
 * The callbacks a minutes editor (a meeting slot's or a report field's) gives MinutesEditor.
 * `onEditor` keeps it in the registry under `key` (an `editorKey`) while mounted, and makes the
 * toolbar forget one that unmounts; `onFocus` makes it the toolbar's target and tells the others
 * where we write (awareness `location` `{ slotId, lang }`, which presence shows).
 */
export function useEditorTracking({ editors, focused, awareness, key, slotId, lang }: { editors: EditorRegistry; focused: FocusedEditor; awareness: { setLocalStateField(field: string, value: unknown): void }; key: string; slotId: string; lang: string }) {
  const onEditor = useCallback(
    (editor: Editor | null, previous: Editor | null) => {
      if (previous) {
        editors.unregister(key, previous);
        focused.forget(previous);
      }
      if (editor) editors.register(key, editor);
    },
    [editors, focused, key],
  );
  const onFocus = useCallback(
    (editor: Editor) => {
      awareness.setLocalStateField('location', { slotId, lang });
      focused.set(editor);
    },
    [awareness, focused, slotId, lang],
  );
  return { onEditor, onFocus };
}
