import { describe, expect, it } from 'vitest';
import { formatDocName, parseDocName, reportDocName, schemaKindOf } from '../protocol/docName.ts';
import { rootNode } from '../model/schema/documents.ts';
import { keyPointField, purposeField, sectionField, summaryField } from './reportFields.ts';

describe('report documents', () => {
  it('report names parse exactly, and anything near them is refused', () => {
    expect(parseDocName('report.r1')).toEqual({ kind: 'report', reportId: 'r1' });
    expect(parseDocName('report.r1.review')).toEqual({ kind: 'reportReview', reportId: 'r1' });
    for (const bad of ['report.', 'Report.r1', 'report.R1', 'report.r1.', 'report.r1.x', 'reports.r1', 'report..r1', `report.${'a'.repeat(65)}`]) expect(parseDocName(bad)).toBeNull();
    expect(formatDocName(parseDocName('report.r1.review')!)).toBe('report.r1.review');
    expect(() => reportDocName('../x')).toThrow();
    expect(schemaKindOf(parseDocName('report.r1.review')!)).toBe('review');
    expect(schemaKindOf(parseDocName('report.r1')!)).toBe('report');
  });

  it('the report doc has its own root fields, none of a meeting’s', () => {
    for (const field of [summaryField('zh-Hant'), purposeField('m1', 'en'), sectionField('s1', 'en'), keyPointField('m1', 'd1-s01', 'zh-Hant')]) {
      expect(rootNode('report', field)?.kind, field).toBe('richText');
    }
    expect(rootNode('report', 'sections')?.kind).toBe('record');
    expect(rootNode('report', 'photos')?.kind).toBe('array');
    expect(rootNode('minutes', 'photos')).toBeNull();
    for (const field of ['agenda', 'meta', 'minutes/general/en', 'summary/not a tag', 'purpose/M1/en', 'keyPoint/m1/en', 'threads']) expect(rootNode('report', field), field).toBeNull();
    expect(rootNode('minutes', summaryField('en'))).toBeNull();
  });
});
