import { useMemo, useSyncExternalStore } from 'react';
import { Toolbar } from '../editor/Toolbar.tsx';
import { useT } from '../i18n/i18n.tsx';
import { useReport } from './reportContext.tsx';

const NO_ROSTER: never[] = [];

/**
 * The minutes' formatting toolbar for the report editor last focused (bold, headings, lists, tables,
 * links), without the minutes' own tools: a report has no speakers or decisions. Headings matter
 * here: level 1-2 headings of the reflections are numbered 一、二、 in the exports.
 */
export function ReportToolbar() {
  const { t } = useT();
  const { focused, languages } = useReport();
  const editor = useSyncExternalStore(focused.subscribe, focused.get);
  const labels = useMemo(
    () => ({
      bold: t('editor.bold'),
      italic: t('editor.italic'),
      h2: t('editor.h2'),
      h3: t('editor.h3'),
      bullets: t('editor.bullets'),
      numbers: t('editor.numbers'),
      table: t('editor.table'),
      link: t('editor.link'),
      speaker: t('editor.speaker'),
      decision: t('editor.decision'),
      action: t('editor.action'),
      plain: t('editor.plain'),
    }),
    [t],
  );
  return (
    <div className="sticky-toolbar">
      <Toolbar editor={editor} roster={NO_ROSTER} languages={languages} labels={labels} minutesTools={false} />
    </div>
  );
}
