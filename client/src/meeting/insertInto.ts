import { useCallback } from 'react';
import { editorKey } from '../editor/editorRegistry.ts';
import { useMeeting } from './meetingContext.tsx';

/**
 * Inserts text into the minutes of a slot and language (a glossary counterpart): at the caret if
 * that editor has the focus, else at its end. The slot's editors are mounted first if they were
 * not (far from the viewport).
 */
export function useInsertInto(): (slotId: string, lang: string, text: string) => Promise<void> {
  const { editors, mounts } = useMeeting();
  return useCallback(
    async (slotId: string, lang: string, text: string) => {
      mounts.request(slotId);
      const editor = await editors.whenMounted(editorKey(slotId, lang));
      const inFocus = editor.isFocused;
      (inFocus ? editor.chain().focus() : editor.chain().focus('end')).insertContent(`${inFocus ? '' : ' '}${text}`).run();
    },
    [editors, mounts],
  );
}
