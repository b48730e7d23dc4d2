import type { Editor } from '@tiptap/react';
import { memo, useEffect, useMemo } from 'react';
import { reviewTargetOfField } from '../../../shared/src/report/reportReviewTargets.ts';
import type { ThreadData } from '../../../shared/src/model/reviewDoc.ts';
import { useStore, type ReadableStore } from '../collab/store.ts';
import { editorKey } from '../editor/editorRegistry.ts';
import { MinutesEditor } from '../editor/MinutesEditor.tsx';
import { useEditorTracking } from '../editor/useEditorTracking.ts';
import { useT } from '../i18n/i18n.tsx';
import { useReport } from './reportContext.tsx';

/**
 * One co-edited text of the report (summary, a meeting's purpose, reflections, a section, an edited
 * key point) in each language the report shows, side by side as a meeting slot's minutes: the same
 * editor, schema, carets and durability. `field` names the Y.XmlFragment per language
 * (shared/src/report/reportFields.ts); `name` is what the editors are called for screen readers.
 */
export const ReportTextField = memo(function ReportTextField({ field, name }: { field: (lang: string) => string; name: string }) {
  const { languages } = useReport();
  const { languageName } = useT();
  return (
    <div className="editors report-field" style={{ ['--cols' as string]: languages.length }}>
      {languages.map((lang) => (
        <div key={lang} className="editor-column" lang={lang}>
          {languages.length > 1 && <div className="lang-head">{languageName(lang)}</div>}
          <FieldEditor fieldName={field(lang)} lang={lang} name={name} />
        </div>
      ))}
    </div>
  );
});

const NO_THREADS: ThreadData[] = [];
/** Until the review doc is open: no threads. */
const noThreads: ReadableStore<ThreadData[]> = { get: () => NO_THREADS, subscribe: () => () => undefined };

function FieldEditor({ fieldName, lang, name }: { fieldName: string; lang: string; name: string }) {
  const { t, languageName } = useT();
  const { doc, provider, user, writable, focused, review, editors, targetTitles } = useReport();
  const fragment = useMemo(() => doc.getXmlFragment(fieldName), [doc, fieldName]);
  const base = fieldName.slice(0, fieldName.lastIndexOf('/'));
  // Comment threads name this field by its review target (the review doc's `slotId`).
  const target = reviewTargetOfField(base);
  const key = editorKey(target, lang);
  useEffect(() => void targetTitles.set(target, name), [targetTitles, target, name]);
  const threads = useStore(review?.threads ?? noThreads);
  const reviewThreads = useMemo(() => threads.filter((th) => th.slotId === target && th.lang === lang), [threads, target, lang]);
  // Presence says where each person writes: the field (in place of a meeting's slot) and language.
  const { onEditor, onFocus } = useEditorTracking({ editors, focused, awareness: provider.awareness, key, slotId: base, lang });
  return (
    <div data-field={fieldName} data-review-target={target}>
      <MinutesEditor
        fragment={fragment}
        provider={provider}
        user={user}
        editable={writable}
        lang={lang}
        label={t('report.field', { field: name, lang: languageName(lang) })}
        onFocus={onFocus}
        onEditor={onEditor}
        onDestroyed={focused.reassertCaret}
        reviewThreads={reviewThreads}
      />
    </div>
  );
}
