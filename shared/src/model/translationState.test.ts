import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { minutesField } from '../schema/fields.ts';
import { writeProgress } from './meetingDoc.ts';
import { collectItems, slotText } from './minutesText.ts';
import { DIFF_CAPS, diffText } from './textDiff.ts';
import { translationChanges } from './translationChanges.ts';
import { markInSync, slotLanguageState } from './translationState.ts';

const LANGS = ['zh-Hant', 'en'];

function setText(doc: Y.Doc, slot: string, lang: string, lines: string[], attrs: Record<string, string>[] = []): void {
  const fragment = doc.getXmlFragment(minutesField(slot, lang));
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    lines.forEach((line, i) => {
      const p = new Y.XmlElement('paragraph');
      for (const [k, v] of Object.entries(attrs[i] ?? {})) p.setAttribute(k, v);
      p.insert(0, [new Y.XmlText(line)]);
      fragment.push([p]);
    });
  });
}

describe('language pairs', () => {
  it('reports completeness and a language with content while the other has none', () => {
    const doc = new Y.Doc();
    expect(slotLanguageState(doc, 's1', LANGS)).toMatchObject({ completeness: { 'zh-Hant': 'empty', en: 'empty' }, missing: [] });
    setText(doc, 's1', 'en', ['The chair opened the meeting.']);
    expect(slotLanguageState(doc, 's1', LANGS)).toMatchObject({ completeness: { 'zh-Hant': 'empty', en: 'drafting' }, missing: ['zh-Hant'] });
    writeProgress(doc, 's1', { doneLanguages: ['en'] });
    expect(slotLanguageState(doc, 's1', LANGS).completeness.en).toBe('done');
  });

  it('flags the unchanged language as possibly out of date, with a diff of the changed one', () => {
    const doc = new Y.Doc();
    setText(doc, 's1', 'zh-Hant', ['主席宣布開會。']);
    setText(doc, 's1', 'en', ['The chair opened the meeting.']);
    expect(slotLanguageState(doc, 's1', LANGS).canRebase).toBe(true);
    markInSync(doc, 's1', LANGS);
    expect(slotLanguageState(doc, 's1', LANGS).outOfDate).toEqual([]);
    setText(doc, 's1', 'en', ['The chair opened the meeting at 9:05.']);
    const state = slotLanguageState(doc, 's1', LANGS);
    expect(state).toMatchObject({ outOfDate: ['zh-Hant'], changed: ['en'] });
    expect(translationChanges(doc, 's1', 'en')!.filter((op) => op.op === 'insert').map((op) => op.text).join('')).toContain('at 9:05');
    // Updating the other side clears the flag; the client then rebases.
    setText(doc, 's1', 'zh-Hant', ['主席於 9:05 宣布開會。']);
    expect(slotLanguageState(doc, 's1', LANGS)).toMatchObject({ outOfDate: [], canRebase: true });
    markInSync(doc, 's1', LANGS);
    // Waiving: after a change on one side, markInSync accepts the texts as they are.
    setText(doc, 's1', 'en', ['The chair opened the meeting at 9:05 sharp.']);
    expect(slotLanguageState(doc, 's1', LANGS).outOfDate).toEqual(['zh-Hant']);
    markInSync(doc, 's1', LANGS);
    expect(slotLanguageState(doc, 's1', LANGS).outOfDate).toEqual([]);
  });

  it('diffs Chinese by character and English by word', () => {
    expect(diffText('主席宣布開會', '主席正式宣布開會')).toEqual([
      { op: 'equal', text: '主席' },
      { op: 'insert', text: '正式' },
      { op: 'equal', text: '宣布開會' },
    ]);
    expect(diffText('the quick fox', 'the slow fox')).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'quick' },
      { op: 'insert', text: 'slow' },
      { op: 'equal', text: ' fox' },
    ]);
  });

  it('keeps a small edit of a long text cheap, and says when texts differ too much', () => {
    const lines = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => `Line ${f(i)} of the minutes.\n`).join('');
    // 16,000 lines with one changed in the middle: only the changed line is diffed.
    const before = lines(16_000, (i) => i);
    const after = lines(16_000, (i) => (i === 8_000 ? -1 : i));
    const ops = diffText(before, after)!;
    expect(ops.map((op) => op.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(ops.map((op) => op.text).filter((_, i) => i !== 2).join('')).toBe(before);
    // Every line different: beyond the line cap, no diff is attempted.
    expect(diffText(before, lines(16_000, (i) => i + 1e6))).toBeNull();
    // Within the caps in size but too many edits apart (Myers gives up at maxEdits).
    const words = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => `w${f(i)}`).join(' ');
    expect(diffText(words(1_000, (i) => i), words(1_000, (i) => i + 1e6))).toBeNull();
    expect(diffText(words(1_000, (i) => i), words(1_000, (i) => (i % 50 ? i : -i)))).not.toBeNull();
    // Several diffs of one request share a budget of compared units.
    const budget = { units: DIFF_CAPS.maxTokens };
    expect(diffText('a b c', 'a x c', DIFF_CAPS, budget)).not.toBeNull();
    budget.units = 2;
    expect(diffText('a b c', 'a x c', DIFF_CAPS, budget)).toBeNull();
  });

  it('collects decisions and actions with their attributes in agenda order', () => {
    const doc = new Y.Doc();
    setText(doc, 's1', 'en', ['Discussion.', 'The agenda was adopted.'], [{}, { item: 'decision', outcome: 'adopted', anchor: 'a1' }]);
    setText(doc, 's2', 'zh-Hant', ['秘書處將分發報告。'], [{ item: 'action', owner: 'r-secretariat', due: '2022-03-01', anchor: 'a2' }]);
    const items = collectItems(doc, ['s1', 's2'], LANGS);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'decision', slotId: 's1', lang: 'en', outcome: 'adopted', text: 'The agenda was adopted.', anchor: 'a1' }),
      expect.objectContaining({ kind: 'action', slotId: 's2', lang: 'zh-Hant', owner: 'r-secretariat', due: '2022-03-01', text: '秘書處將分發報告。' }),
    ]);
    expect(slotText(doc, 's1', 'en')).toBe('Discussion.\nThe agenda was adopted.');
  });
});
