import type { Editor } from '@tiptap/react';
import { memo, useCallback, useMemo } from 'react';
import { MinutesEditor } from '../editor/MinutesEditor.tsx';
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

function FieldEditor({ fieldName, lang, name }: { fieldName: string; lang: string; name: string }) {
  const { t, languageName } = useT();
  const { doc, provider, user, writable, focused } = useReport();
  const fragment = useMemo(() => doc.getXmlFragment(fieldName), [doc, fieldName]);
  const onFocus = useCallback(
    (editor: Editor) => {
      // Presence says where each person writes: the field (in place of a meeting's slot) and language.
      provider.awareness.setLocalStateField('location', { slotId: fieldName.slice(0, fieldName.lastIndexOf('/')), lang });
      focused.set(editor);
    },
    [provider, focused, fieldName, lang],
  );
  const onEditor = useCallback((_editor: Editor | null, previous: Editor | null) => previous && focused.forget(previous), [focused]);
  return (
    <div data-field={fieldName}>
      <MinutesEditor fragment={fragment} provider={provider} user={user} editable={writable} lang={lang} label={t('report.field', { field: name, lang: languageName(lang) })} onFocus={onFocus} onEditor={onEditor} onDestroyed={focused.reassertCaret} />
    </div>
  );
}
