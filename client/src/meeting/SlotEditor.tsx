import type { Editor } from '@tiptap/react';
import { useCallback, useMemo } from 'react';
import type { AgendaSlot } from '../../../shared/src/model/agendaDoc.ts';
import type { GlossaryTerm } from '../../../shared/src/model/glossary.ts';
import type { ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { minutesField } from '../../../shared/src/schema/fields.ts';
import { editorKey } from '../editor/editorRegistry.ts';
import { MinutesEditor } from '../editor/MinutesEditor.tsx';
import { useEditorTracking } from '../editor/useEditorTracking.ts';
import { useT } from '../i18n/i18n.tsx';
import { useMeeting } from './meetingContext.tsx';
import { useFocusedEditor } from './focusedEditor.ts';

export interface SlotEditorProps {
  slot: AgendaSlot;
  lang: string;
  languages: string[];
  writable: boolean;
  glossary: GlossaryTerm[];
  /** Per minutes language: roster id -> name in that language (this editor shows its own language's). */
  speakerLabels: Record<string, Record<string, string>>;
  authorColors: Map<number, string>;
  /** The slot's review threads (those of this language are highlighted). */
  threads: ThreadData[];
}

/** The minutes editor of one slot in one language, registered while mounted (EditorRegistry). */
export function SlotEditor({ slot, lang, languages, writable, glossary, speakerLabels, authorColors, threads }: SlotEditorProps) {
  const { t, languageName } = useT();
  const { doc, provider, user, editors, images } = useMeeting();
  const focused = useFocusedEditor();
  const fragment = useMemo(() => doc.getXmlFragment(minutesField(slot.id, lang)), [doc, slot.id, lang]);
  const { onEditor, onFocus } = useEditorTracking({ editors, focused, awareness: provider.awareness, key: editorKey(slot.id, lang), slotId: slot.id, lang });
  const onImageFiles = useCallback((editor: Editor, files: File[], pos: number | undefined) => images.insert(editor, files, pos), [images]);
  const reviewThreads = useMemo(() => threads.filter((th) => th.lang === lang), [threads, lang]);
  const terms = useMemo(
    () => glossary.filter((g) => g.terms[lang]).map((g) => ({ text: g.terms[lang]!, hint: languages.filter((l) => l !== lang && g.terms[l]).map((l) => g.terms[l]).join(' / ') })),
    [glossary, lang, languages],
  );
  return (
    <MinutesEditor
      fragment={fragment}
      provider={provider}
      user={user}
      editable={writable}
      lang={lang}
      label={t('editor.minutesIn', { slot: slot.title[lang] || Object.values(slot.title).find(Boolean) || slot.start, lang: languageName(lang) })}
      onEditor={onEditor}
      glossaryTerms={terms}
      speakerLabels={speakerLabels[lang]}
      reviewThreads={reviewThreads}
      authorColors={authorColors}
      onFocus={onFocus}
      onImageFiles={onImageFiles}
      onDestroyed={focused.reassertCaret}
    />
  );
}
