import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sectionField } from './reportFields.ts';
import { addReportSection, readReportSections, removeReportSection, setReportSectionTitle } from './reportSections.ts';

describe('report sections', () => {
  it('adds sections after the last one, retitles them and removes one with its text', () => {
    const doc = new Y.Doc();
    let n = 0;
    const newId = () => `s${++n}`;
    addReportSection(doc, 'free', { 'zh-Hant': '其他', en: 'Other' }, newId);
    addReportSection(doc, 'annex', { en: 'Programme' }, newId);
    addReportSection(doc, 'free', {}, newId);
    expect(readReportSections(doc).map((s) => [s.id, s.kind])).toEqual([['s1', 'free'], ['s2', 'annex'], ['s3', 'free']]);

    setReportSectionTitle(doc, 's2', 'zh-Hant', '議程');
    setReportSectionTitle(doc, 's1', 'en', '');
    expect(readReportSections(doc).find((s) => s.id === 's2')!.title).toEqual({ en: 'Programme', 'zh-Hant': '議程' });
    expect(readReportSections(doc).find((s) => s.id === 's1')!.title).toEqual({ 'zh-Hant': '其他' });

    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('annex text')]);
    doc.getXmlFragment(sectionField('s2', 'en')).push([paragraph]);
    removeReportSection(doc, 's2', ['zh-Hant', 'en']);
    expect(readReportSections(doc).map((s) => s.id)).toEqual(['s1', 's3']);
    expect(doc.getXmlFragment(sectionField('s2', 'en')).length).toBe(0);
  });

  it('refuses an id outside the document grammar before writing anything', () => {
    const doc = new Y.Doc();
    expect(() => addReportSection(doc, 'free', {}, () => 'Not/An-Id')).toThrow(/invalid section id/);
    expect(readReportSections(doc)).toEqual([]);
  });
});
