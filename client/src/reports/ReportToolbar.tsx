import { useSyncExternalStore } from 'react';
import { Toolbar } from '../editor/Toolbar.tsx';
import { useToolbarLabels } from '../editor/useToolbarLabels.ts';
import { useReport } from './reportContext.tsx';

const NO_ROSTER: never[] = [];

/**
 * The minutes' formatting toolbar for the report editor last focused (bold, headings, lists, tables,
 * links), without the minutes' own tools: a report has no speakers or decisions. Headings matter
 * here: level 1-2 headings of the reflections are numbered 一、二、 in the exports.
 */
export function ReportToolbar() {
  const { focused, languages } = useReport();
  const editor = useSyncExternalStore(focused.subscribe, focused.get);
  const labels = useToolbarLabels();
  return (
    <div className="sticky-toolbar">
      <Toolbar editor={editor} roster={NO_ROSTER} languages={languages} labels={labels} minutesTools={false} />
    </div>
  );
}
