import * as Y from 'yjs';
import { REPORT_SECTION_ID_PATTERN, REPORT_SECTION_KINDS, REPORT_SECTIONS_FIELD } from '../../../../shared/src/report/reportFields.ts';
import { readLocalizedMap } from '../../../../shared/src/model/schema/read.ts';
import type { Localized } from '../../../../shared/src/report/reportModel.ts';

export interface ReportSection {
  id: string;
  kind: (typeof REPORT_SECTION_KINDS)[number];
  order: string;
  title: Localized;
}

/** The report's free sections and annexes (`sections`), in order; entries that do not fit the schema are skipped. */
export function readReportSections(doc: Y.Doc): ReportSection[] {
  const sections: ReportSection[] = [];
  for (const [id, entry] of doc.getMap(REPORT_SECTIONS_FIELD).entries()) {
    if (!(entry instanceof Y.Map) || !REPORT_SECTION_ID_PATTERN.test(id)) continue;
    const kind = entry.get('kind');
    const order = entry.get('order');
    if (!(REPORT_SECTION_KINDS as readonly unknown[]).includes(kind) || typeof order !== 'string') continue;
    sections.push({ id, kind: kind as ReportSection['kind'], order, title: readLocalizedMap(entry.get('title'), `sections/${id}/title`) });
  }
  return sections.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id.localeCompare(b.id)));
}
