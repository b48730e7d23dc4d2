import { describe, expect, it } from 'vitest';
import { SLOT_ID_PATTERN } from '../model/schema/values.ts';
import { reviewTargetOfField } from './reportReviewTargets.ts';

describe('review targets of report fields', () => {
  it('names every field in the slot id grammar, the same way every time, one name per field', () => {
    const long = 'a'.repeat(64);
    const fields = ['summary', 'reflections', `purpose/${long}`, `purpose/m2`, `section/s1`, `keyPoint/${long}/${long}`, `keyPoint/m1/s1`, `keyPoint/m1/s2`];
    const targets = fields.map(reviewTargetOfField);
    for (const target of targets) expect(target).toMatch(SLOT_ID_PATTERN);
    expect(new Set(targets).size).toBe(fields.length);
    expect(fields.map(reviewTargetOfField)).toEqual(targets);
    expect(targets.slice(0, 2)).toEqual(['summary', 'reflections']);
    expect(reviewTargetOfField('keyPoint/m1/s1')).toMatch(/^keypoint-[0-9a-z]+$/);
  });
});
