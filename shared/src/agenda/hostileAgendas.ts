/**
 * Pasted agendas shaped to find super-linear work in the parser (issue 13, finding 8): each family
 * makes a text of about `chars` characters. Used by the linearity test and the benchmark.
 */
const clock = (i: number) => {
  const minutes = i % 600;
  const hh = String(8 + Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${hh}:${mm}`;
};

const repeatTo = (chars: number, unit: string, prefix = '') => prefix + unit.repeat(Math.max(1, Math.floor((chars - prefix.length) / unit.length)));
const linesTo = (chars: number, line: (i: number) => string, prefix = '') => {
  const lines: string[] = prefix ? [prefix] : [];
  let length = prefix.length;
  for (let i = 0; length < chars; i++) {
    const next = line(i);
    lines.push(next);
    length += next.length + 1;
  }
  return lines.join('\n');
};

export const HOSTILE_AGENDAS: Record<string, (chars: number) => string> = {
  'one long line of "中 中 …"': (chars) => repeatTo(chars, '中 ', '9:00-9:10 '),
  'one long mixed line "中 a 中 a …"': (chars) => repeatTo(chars, '中 a ', '9:00-9:10 '),
  'slots, one per line': (chars) => linesTo(chars, (i) => `${clock(i)}-${clock(i + 1)} 議題 Item ${i}`),
  'slots all at the same time (a warning each)': (chars) => linesTo(chars, (i) => `09:00-10:00 議題 Item ${i}`),
  'a title wrapped over many lines': (chars) => linesTo(chars, () => '專題一：工作坊前導問卷呈現', '09:00-10:00'),
  'a bullet wrapped over many lines': (chars) => linesTo(chars, () => 'continued name of the speaker', '09:00-10:00 Item\n• Speaker'),
  'speaker lines with hyphens': (chars) => linesTo(chars, () => `• 中 A${'-'.repeat(60)}!`, '09:00-10:00 議題 Item'),
  'a speaker line of hyphens': (chars) => repeatTo(chars, '-', '09:00-10:00 議題 Item\n• 中 A'),
  'an English speaker line of brackets': (chars) => `09:00-10:00 Item\n• Mr. ${'('.repeat(chars)}, Director of the Office`,
  'a Chinese speaker line of positions': (chars) => `09:00-10:00 議題 Item\n• ${'委員會主席兼'.repeat(Math.floor(chars / 6))}主席 Tom Lee`,
  'an English speaker line of roles': (chars) => `09:00-10:00 Item\n• Mr. Tom Lee, ${'Director, '.repeat(Math.floor(chars / 10))}Office`,
  'an English line of "by"': (chars) => `09:00-10:00 Item\n• ${'Remarks by '.repeat(Math.floor(chars / 11))}Mr. Tom Lee, Director`,
  'lines that look like day headings': (chars) => linesTo(chars, (i) => `Day ${(i % 30) + 1}: Thursday, 17 February 2022 / 2022 年 2 月 17 日（星期四）\n${clock(i)}-${clock(i + 1)} Item`),
  'a line of brackets': (chars) => repeatTo(chars, '(', '09:00-10:00 Item\n'),
  'CSV: a long cell, then quotes': (chars) => `start,en\n9:00,${'a'.repeat(chars / 2)}${'"'.repeat(chars / 2)}`,
  'CSV: many rows': (chars) => linesTo(chars, (i) => `${clock(i)},${clock(i + 1)},Item ${i},議題`, 'start,end,en,zh-Hant'),
  'Markdown table: many rows': (chars) => linesTo(chars, (i) => `| ${clock(i)}-${clock(i + 1)} | Item ${i} | 議題 |`, '| Time | en | zh-Hant |\n| --- | --- | --- |'),
  'Markdown table: a separator of dashes': (chars) => `| Time | en |\n|${'-'.repeat(chars)}\n| 9:00-10:00 | Item |`,
};
