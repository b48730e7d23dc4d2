import * as Y from 'yjs';
import { readLocalizedMap } from '../model/schema/read.ts';
import { keyBetween } from '../model/orderKey.ts';
import { REPORT_SECTION_ID_PATTERN, REPORT_SECTION_KINDS, REPORT_SECTIONS_FIELD, sectionField } from './reportFields.ts';
import type { Localized } from './reportModel.ts';

/**
 * The frame of a report's free sections and annexes (`sections` in `report.<id>`): read by the
 * server's model builder and by the report page, written by the page. The text of each is in
 * `section/<id>/<lang>`; see reportFields.ts and the document schema (REPORT_SECTION).
 */
export type ReportSectionKind = (typeof REPORT_SECTION_KINDS)[number];

export interface ReportSection {
  id: string;
  kind: ReportSectionKind;
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

/**
 * Adds a section after the last one, in one transaction with every field the schema requires
 * (kind, order, title), so the server never sees a half-made entry. Returns its id.
 */
export function addReportSection(doc: Y.Doc, kind: ReportSectionKind, title: Localized, newId: () => string): string {
  const last = readReportSections(doc).at(-1)?.order ?? null;
  const id = newId();
  if (!REPORT_SECTION_ID_PATTERN.test(id)) throw new Error(`invalid section id: ${JSON.stringify(id)}`);
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    const titles = new Y.Map<string>();
    for (const [lang, text] of Object.entries(title)) titles.set(lang, text);
    entry.set('kind', kind);
    entry.set('order', keyBetween(last, null));
    entry.set('title', titles);
    doc.getMap(REPORT_SECTIONS_FIELD).set(id, entry);
  });
  return id;
}

/** Sets (or, with an empty text, removes) a section's title in one language. */
export function setReportSectionTitle(doc: Y.Doc, sectionId: string, lang: string, text: string): void {
  const titles = (doc.getMap(REPORT_SECTIONS_FIELD).get(sectionId) as Y.Map<unknown> | undefined)?.get('title');
  if (!(titles instanceof Y.Map)) return;
  if (text) titles.set(lang, text);
  else titles.delete(lang);
}

/** Removes a section and empties its text in `languages` (root fragments cannot be deleted, only cleared). */
export function removeReportSection(doc: Y.Doc, sectionId: string, languages: readonly string[]): void {
  doc.transact(() => {
    for (const lang of languages) {
      const fragment = doc.getXmlFragment(sectionField(sectionId, lang));
      if (fragment.length > 0) fragment.delete(0, fragment.length);
    }
    doc.getMap(REPORT_SECTIONS_FIELD).delete(sectionId);
  });
}
