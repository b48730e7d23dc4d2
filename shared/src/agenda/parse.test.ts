import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAgenda, type ParsedAgenda } from './parse.ts';

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures', name), 'utf8');
const ZH_EN = { languages: ['zh-Hant', 'en'], defaultYear: 2026 };
const ok = (result: ReturnType<typeof parseAgenda>): ParsedAgenda => {
  if (!result.ok) throw new Error(`parse failed at line ${result.error.line}: ${result.error.reason}`);
  return result.agenda;
};

describe('agenda parser: the real workshop agenda (fixture)', () => {
  const agenda = ok(parseAgenda(fixture('workshop-2022-02-agenda.txt'), { ...ZH_EN, defaultYear: 2022 }));

  it('finds 2 days and 12 slots with the right times', () => {
    expect(agenda.days).toEqual([
      { date: '2022-02-14', label: '2022 年 2 月 14 日' },
      { date: '2022-02-15', label: '2022 年 2 月 15 日' },
    ]);
    expect(agenda.slots.map((s) => `${s.day}:${s.start}-${s.end}`)).toEqual([
      '0:09:00-09:10', '0:09:10-09:20', '0:09:20-10:30', '0:10:30-10:45', '0:10:45-11:55', '0:11:55-12:00',
      '1:09:00-09:10', '1:09:10-10:00', '1:10:00-10:30', '1:10:30-10:40', '1:10:40-11:50', '1:11:50-12:00',
    ]);
    expect(agenda.warnings).toEqual([]);
  });

  it('pairs each Chinese title with its English counterpart, joining wrapped lines', () => {
    const [opening, item1, item2, , item3, summary] = agenda.slots;
    expect(opening!.title).toEqual({ 'zh-Hant': '開幕式', en: 'Opening Session' });
    expect(item1!.title).toEqual({ 'zh-Hant': '專題一：工作坊前導問卷呈現', en: 'Item 1: Presentation of Pre-Workshop Research Work' });
    expect(item2!.title['zh-Hant']).toBe('專題二：發展與反貪腐相關的數位化背景。數位轉型帶來的賄賂和貪腐風險為何？');
    expect(item2!.title.en).toBe('Item 2: Developing a context of digitalisation in relation to anti-corruption. What are the risks of bribery and corruption posed by digital transformation?');
    expect(item3!.title).toEqual({ 'zh-Hant': '專題三：進行中的發展和未來展望', en: 'Item 3: Ongoing Developments & Ways Forward' });
    expect(summary!.title).toEqual({ 'zh-Hant': '總結', en: 'Summary' });
    expect(agenda.slots[11]!.title).toEqual({ 'zh-Hant': '總結及閉幕式', en: 'Summary and closing remarks' });
  });

  it('reads speakers per language, including names wrapped across lines', () => {
    const item2 = agenda.slots[2]!;
    expect(item2.speakers).toHaveLength(4);
    // Name and affiliation come apart in both languages (speaker.ts).
    expect(item2.speakers[0]).toEqual({
      name: { 'zh-Hant': 'Thomas Stelzer', en: 'Mr. Thomas Stelzer' },
      role: { 'zh-Hant': '院長兼執行秘書', en: 'Dean and Executive Secretary' },
      affiliation: { 'zh-Hant': '國際反貪腐學院', en: 'International Anti-Corruption Academy (IACA) (pre-recorded)' },
    });
    expect(item2.speakers[1]!.name['zh-Hant']).toBe('Lisa Kelaart-Courtney');
    expect(item2.speakers[1]!.role!['zh-Hant']).toBe('組長');
    expect(item2.speakers[1]!.affiliation!['zh-Hant']).toBe('亞洲開發銀行反貪腐及廉政辦公室，預防及法遵組');
    expect(agenda.slots[4]!.speakers).toHaveLength(3);
    expect(agenda.slots[10]!.speakers.map((s) => s.name.en)).toEqual(['Hong Kong, China', 'Singapore', 'Republic of Korea', 'Chinese Taipei']);
    expect(agenda.slots[10]!.speakers[3]!.name['zh-Hant']).toBe('中華臺北');
  });

  it('splits the opening speaker into part, name, role and affiliation in both languages (issue 14)', () => {
    const [watcharapol, outline, photo] = agenda.slots[0]!.speakers;
    expect(watcharapol).toEqual({
      name: { 'zh-Hant': 'Watcharapol Prasarnrajkit', en: 'Police General Watcharapol Prasarnrajkit' },
      part: { en: 'Opening Remarks' },
      role: { 'zh-Hant': '主席暨警察總長', en: 'NACC President, ACTWG & ACT-NET Chair 2022' },
      affiliation: { 'zh-Hant': '泰國泰國國家反貪腐委員會(National Anti-Corruption Commission, NACC)' },
    });
    // Activities listed like speakers stay whole.
    expect(outline).toEqual({ name: { 'zh-Hant': '工作坊介紹', en: 'Outline of the Workshop by Project Overseer' } });
    expect(photo).toEqual({ name: { 'zh-Hant': '大合照', en: 'Group Photo' } });
    const people = agenda.slots.flatMap((s) => s.speakers).filter((s) => s.role);
    expect(people.map((s) => `${s.name.en} | ${s.role!.en ?? ''} | ${s.role!['zh-Hant']} | ${s.affiliation?.['zh-Hant'] ?? ''}`)).toEqual([
      'Police General Watcharapol Prasarnrajkit | NACC President, ACTWG & ACT-NET Chair 2022 | 主席暨警察總長 | 泰國泰國國家反貪腐委員會(National Anti-Corruption Commission, NACC)',
      'Mr. Thomas Stelzer | Dean and Executive Secretary | 院長兼執行秘書 | 國際反貪腐學院',
      'Ms. Lisa Kelaart-Courtney | Director of the Prevention and Compliance Division | 組長 | 亞洲開發銀行反貪腐及廉政辦公室，預防及法遵組',
      'Ms. LIU Xiaona | Acting Director of International Cooperation Division | 代理組長 | 中國反洗錢監測及分析中心國際合作組',
      'Ms. Nopnuanparn Pavasant | Director | 總監 | 泰國證券交易委員會辦公室金融科技處',
      'Mr. Francesco Checchi | Regional Anti-Corruption Adviser | 反貪腐顧問 | 聯合國毒品和犯罪問題辦公室，東南亞及太平洋地區辦公室',
      'Colonel Natee Sukonrat (PhD) | Vice-chairman | 副主任委員 | 泰國國家廣播及電信委員會',
      'Ms. Monsinee Nakapanant | Co-President | 共同總裁 | 登高金融',
      'Mr. Renaud Meyer | Resident Representative | 駐地代表 | 聯合國開發計畫署(泰國分部)',
      'Mr. Vichien Phongsathorn | Chairman | 主席 | 泰國反貪腐機構',
    ]);
    expect(agenda.slots[7]!.speakers[0]!.affiliation).toEqual({ 'zh-Hant': '聯合國開發計畫署(泰國分部)', en: 'United Nations Development Programme in Thailand (UNDP)' });
  });

  it('reads the days whichever way the headings write the date (issue 14)', () => {
    const fixtureText = fixture('workshop-2022-02-agenda.txt');
    const headings = [
      ['2022 年 2 月 14 日', '17 February 2022', '2022-02-17'],
      ['2022 年 2 月 14 日', 'Thursday, 17 February 2022', '2022-02-17'],
      ['2022 年 2 月 14 日', '2022 年 2 月 17 日（星期四）', '2022-02-17'],
      ['2022 年 2 月 14 日', 'Day 1 – 17 February 2022 / 2022 年 2 月 17 日', '2022-02-17'],
      ['2022 年 2 月 14 日', 'February 17, 2022', '2022-02-17'],
      ['2022 年 2 月 14 日', '2月17日', '2022-02-17'],
    ];
    for (const [from, to, date] of headings) {
      const text = fixtureText.replace(`${from} \n`, `${to}\n`);
      expect(text).not.toBe(fixtureText);
      const days = ok(parseAgenda(text, { ...ZH_EN, defaultYear: 2022 })).days;
      expect(days.map((d) => d.date), to).toEqual([date, '2022-02-15']);
    }
    // A line that only mentions a date is not a heading.
    expect(ok(parseAgenda('9:00-10:00 Item 1\nReport of 17 February 2022', { languages: ['en'], defaultYear: 2022 })).days).toHaveLength(1);
  });

  it('recognises the two coffee breaks, the opening sessions and the closing', () => {
    expect(agenda.slots.map((s) => s.kind)).toEqual(['opening', 'session', 'session', 'break', 'session', 'session', 'opening', 'session', 'session', 'break', 'session', 'closing']);
    expect(agenda.slots[3]!.title).toEqual({ 'zh-Hant': '茶敘時間', en: 'Coffee Break' });
  });

  it('gives stable slot ids across re-parsing', () => {
    const again = ok(parseAgenda(fixture('workshop-2022-02-agenda.txt'), { ...ZH_EN, defaultYear: 2022 }));
    expect(again.slots.map((s) => s.id)).toEqual(agenda.slots.map((s) => s.id));
    expect(agenda.slots[6]!.id).toBe('d2-s01');
  });
});

describe('agenda parser: other formats', () => {
  it('reads CSV with quoted commas, quotes and newlines, dates and speakers', () => {
    const agenda = ok(parseAgenda(fixture('agenda/plenary.csv'), ZH_EN));
    expect(agenda.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03']);
    expect(agenda.slots).toHaveLength(5);
    expect(agenda.slots[3]!.title).toEqual({ 'zh-Hant': '成員經濟體報告，含問答', en: 'Member Economy Reports, with "Q&A" and discussion' });
    expect(agenda.slots[3]!.speakers.map((s) => s.name.en)).toEqual(['Chile', 'Peru']);
    expect(agenda.slots[2]!.kind).toBe('break');
    expect(agenda.slots[4]).toMatchObject({ day: 1, start: '09:00', end: '09:30' });
  });

  it('reads a Markdown table with Chinese and English columns', () => {
    const agenda = ok(parseAgenda(fixture('agenda/plenary.md'), ZH_EN));
    expect(agenda.slots.map((s) => [s.start, s.title['zh-Hant'], s.title.en])).toEqual([
      ['09:00', '開幕致詞', 'Opening Remarks'],
      ['09:15', '秘書處報告', 'Secretariat Report'],
      ['10:30', '茶敘', 'Coffee Break'],
      ['10:45', '成員報告', 'Member Reports'],
    ]);
  });

  it('reads an English-only agenda with am/pm times and English day headings', () => {
    const agenda = ok(parseAgenda(fixture('agenda/english-ampm.txt'), { languages: ['en'], defaultYear: 2026 }));
    expect(agenda.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03']);
    expect(agenda.slots.map((s) => `${s.start}-${s.end} ${s.kind}`)).toEqual(['09:00-09:30 opening', '09:30-10:30 session', '10:30-10:45 break', '13:00-14:00 break', '14:00-15:15 session', '15:15-15:30 closing']);
    expect(agenda.slots[1]!.speakers.map((s) => s.name.en)).toEqual(['Ms. Ana Ruiz', 'Mr. Tom Lee']);
    expect(agenda.slots[1]!.speakers.map((s) => s.affiliation?.en)).toEqual(['Open Contracting Partnership', 'Transparency International']);
  });

  it('reads three languages (Traditional Chinese, Japanese, English)', () => {
    const agenda = ok(parseAgenda(fixture('agenda/three-languages.txt'), { languages: ['zh-Hant', 'ja', 'en'], defaultYear: 2026 }));
    expect(agenda.slots[1]!.title).toEqual({ 'zh-Hant': '專題一：數位治理', ja: 'テーマ1：デジタルガバナンス', en: 'Item 1: Digital Governance' });
    // Japanese is recognised by its kana: a line of kanji only would read as Chinese.
    expect(agenda.slots[0]!.title).toEqual({ 'zh-Hant': '開幕式', ja: '開会のあいさつ', en: 'Opening Ceremony' });
    expect(agenda.slots[1]!.speakers).toHaveLength(1);
  });

  it('copes with full-width digits and punctuation and messy spacing', () => {
    const agenda = ok(parseAgenda(fixture('agenda/fullwidth-messy.txt'), ZH_EN));
    expect(agenda.days[0]!.date).toBe('2026-03-02');
    expect(agenda.slots.map((s) => [s.start, s.end, s.title['zh-Hant'], s.title.en])).toEqual([
      ['09:00', '09:30', '開幕式', 'Opening'],
      ['09:30', '10:15', '專題一：透明化', 'Item 1: Transparency'],
    ]);
  });

  it('warns about overlapping and inverted times instead of refusing them', () => {
    const agenda = ok(parseAgenda('09:00-10:00 A\n09:30-09:45 B\n11:00-10:30 C', { languages: ['en'] }));
    expect(agenda.warnings.map((w) => w.message)).toEqual([expect.stringContaining('before the previous slot ends'), expect.stringContaining('before it starts')]);
    expect(agenda.warnings[0]!.line).toBe(2);
  });
});

describe('agenda parser: errors', () => {
  it('explains what is wrong and where', () => {
    expect(parseAgenda('', ZH_EN)).toEqual({ ok: false, error: { line: 1, reason: 'the agenda is empty' } });
    expect(parseAgenda('Welcome\nNo times here at all', ZH_EN)).toMatchObject({ ok: false, error: { line: 1, reason: expect.stringContaining('no time ranges') } });
    expect(parseAgenda('start,end,en\n09:00,09:30,Opening\nsoon,10:00,Item 1', ZH_EN)).toEqual({ ok: false, error: { line: 3, reason: 'not a time: "soon"' } });
    expect(parseAgenda('start,end,en\n09:00,09:30,Opening,extra,cells', ZH_EN)).toMatchObject({ ok: false, error: { line: 2 } });
    expect(parseAgenda('start,end,en\n"09:00,09:30,Opening', ZH_EN)).toMatchObject({ ok: false, error: { line: 2, reason: 'a quoted field is not closed' } });
  });

  it('never throws on arbitrary input, and what it returns is consistent (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const result = parseAgenda(text, ZH_EN);
        if (result.ok) for (const slot of result.agenda.slots) expect(slot.start).toMatch(/^\d\d:\d\d$/);
        else expect(result.error.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on shuffled and mutated lines of the fixture', () => {
    const lines = fixture('workshop-2022-02-agenda.txt').split('\n');
    fc.assert(
      fc.property(fc.shuffledSubarray(lines), fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 5 })), { maxLength: 10 }), (subset, edits) => {
        const mutated = [...subset];
        for (const [at, text] of edits) if (mutated.length) mutated[at % mutated.length] = text + mutated[at % mutated.length]!.slice(text.length);
        const result = parseAgenda(mutated.join('\n'), ZH_EN);
        if (result.ok) {
          for (const slot of result.agenda.slots) {
            const inverted = slot.end < slot.start;
            if (inverted) expect(result.agenda.warnings.some((w) => w.message.includes('before it starts'))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
