import { describe, expect, it } from 'vitest';
import { counterpartPlace } from './counterpartPlace.ts';

describe('counterpartPlace', () => {
  it('puts an English counterpart at the matching place of the matching paragraph, between words', () => {
    const zh = ['會議開始。', '各經濟體代表報告了反貪腐工作的進展。'];
    const en = ['The meeting opened.', 'Representatives reported on the progress of anti-corruption work.'];
    const place = counterpartPlace(zh, en, '經濟體', 'economies')!;
    expect(place.block).toBe(1);
    const text = en[1]!;
    const result = text.slice(0, place.offset) + place.text + text.slice(place.offset);
    // Near the start (where 經濟體 sits in the Chinese), on a word boundary, with spaces.
    expect(place.offset).toBeLessThan(text.length / 2);
    expect(result).toMatch(/(^| )economies /);
    expect(result.replace(' economies', '').replace('economies ', '')).toBe(text);
  });

  it('puts a Chinese counterpart into Chinese text without spaces', () => {
    const en = ['All economies reported progress.'];
    const zh = ['代表報告了進展。'];
    const place = counterpartPlace(en, zh, 'economies', '經濟體')!;
    expect(place).toMatchObject({ block: 0, text: '經濟體' });
    expect(place.offset).toBeGreaterThan(0);
    expect(place.offset).toBeLessThan(zh[0]!.length);
  });

  it('uses the last block when the target has fewer blocks, and null when it has none or the term is absent', () => {
    expect(counterpartPlace(['a', 'b', 'UNCAC here'], ['Only one.'], 'UNCAC', '聯合國反貪腐公約')!.block).toBe(0);
    expect(counterpartPlace(['UNCAC'], [], 'UNCAC', '聯合國反貪腐公約')).toBeNull();
    expect(counterpartPlace(['nothing'], ['x'], 'UNCAC', '聯合國反貪腐公約')).toBeNull();
  });

  it('never splits a Latin word', () => {
    const place = counterpartPlace(['xxxxx UNCAC'], ['Representatives'], 'UNCAC', 'Convention')!;
    expect([0, 'Representatives'.length]).toContain(place.offset);
  });
});
