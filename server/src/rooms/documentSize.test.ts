import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentSize } from './documentSize.ts';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.getText('t').insert(0, text);
  return doc;
}

describe('DocumentSize', () => {
  it('answers from its upper bound while far from the limit (the bound is not replaced by a measure)', () => {
    const size = new DocumentSize(docWith('x'.repeat(1_000)));
    size.loaded(5_000);
    size.grew(500);
    expect(size.wouldExceed(1_000, 10_000)).toBe(false);
    expect(size.atMost).toBe(5_500);
  });

  it('measures when a write would cross the limit, so deleted content no longer counts', () => {
    const doc = docWith('x'.repeat(50_000));
    const size = new DocumentSize(doc);
    size.loaded(60_000);
    doc.getText('t').delete(0, 50_000);
    size.grew(20); // the deletion's update
    expect(size.wouldExceed(30_000, 64_000)).toBe(false); // measured: the doc is tiny now
    expect(size.atMost).toBeLessThan(100);
  });

  it('refuses what would cross the limit once measured', () => {
    const doc = docWith('y'.repeat(60_000));
    const size = new DocumentSize(doc);
    size.loaded(60_500);
    expect(size.wouldExceed(10_000, 64_000)).toBe(true);
    expect(size.atMost).toBeGreaterThanOrEqual(60_000);
    expect(size.wouldExceed(1_000, 64_000)).toBe(false);
  });
});
