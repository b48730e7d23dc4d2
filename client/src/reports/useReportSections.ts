import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { REPORT_SECTIONS_FIELD } from '../../../shared/src/report/reportFields.ts';
import { readReportSections, type ReportSection } from '../../../shared/src/report/reportSections.ts';

const cache = new WeakMap<Y.Doc, ReportSection[]>();

/**
 * The report's free sections and annexes as the live document has them (added, retitled or removed
 * by anyone, shown at once). Read again only when the `sections` map changes, not on every keystroke
 * in the report's text; the same array is returned until then.
 */
export function useReportSections(doc: Y.Doc): ReportSection[] {
  return useSyncExternalStore(
    (onChange) => {
      const map = doc.getMap(REPORT_SECTIONS_FIELD);
      const observer = () => {
        cache.delete(doc);
        onChange();
      };
      map.observeDeep(observer);
      return () => map.unobserveDeep(observer);
    },
    () => {
      let sections = cache.get(doc);
      if (!sections) cache.set(doc, (sections = readReportSections(doc)));
      return sections;
    },
  );
}
