/**
 * Times and days in pasted agendas: "9:00-9:10", "09.00 – 10.30", "9:00 am - 10:30 am", "2 pm",
 * "2022 年 2 月 14 日", "2月14日", "14 February 2022", "Monday, 14 February 2022", "Day 1".
 */
const CLOCK = String.raw`(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|上午|下午)?`;
const RANGE = new RegExp(String.raw`^(?:(上午|下午)\s*)?${CLOCK}\s*(?:-|~|to|至|–|—)\s*${CLOCK}(?=\s|$|[^\d])`, 'i');

function toHHMM(hour: string, minute: string | undefined, meridiem: string | undefined): string | null {
  let h = Number(hour);
  const m = minute === undefined ? 0 : Number(minute);
  const mer = meridiem?.toLowerCase().replace(/\./g, '');
  if (mer === 'pm' || mer === '下午') h = h === 12 ? 12 : h + 12;
  if ((mer === 'am' || mer === '上午') && h === 12) h = 0;
  if (h > 23 || m > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * A time range at the start of a line, and the text after it. A bare hour ("2 - 3") only counts
 * when it has a meridiem, so list numbers are not mistaken for times.
 */
export function parseTimeRange(line: string): { start: string; end: string; rest: string } | null {
  const m = RANGE.exec(line);
  if (!m) return null;
  const [, pre, h1, m1, mer1, h2, m2, mer2] = m;
  if (m1 === undefined && m2 === undefined && !mer1 && !mer2 && !pre) return null;
  // "9:00 - 10:30 am": the end's meridiem applies to the start when the start has none.
  const startMer = mer1 ?? pre ?? (mer2 && Number(h1) <= Number(h2) ? mer2 : undefined);
  const start = toHHMM(h1!, m1, startMer);
  const end = toHHMM(h2!, m2, mer2 ?? pre ?? mer1);
  if (!start || !end) return null;
  return { start, end, rest: line.slice(m[0].length).trim() };
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const WEEKDAY = String.raw`(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?`;
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
// Compiled once: parseDayHeading runs on every line of a pasted agenda.
const DAY_MONTH = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?\s*(\d{4})?$`, 'i');
const MONTH_DAY = new RegExp(String.raw`^${WEEKDAY}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})?$`, 'i');
const monthIndex = (name: string) => MONTHS.findIndex((full) => full.startsWith(name.toLowerCase().slice(0, 3))) + 1;
const iso = (y: number, m: number, d: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;

/** A line that is only a day heading: its date (YYYY-MM-DD) or, for "Day 2", null with the number. */
export function parseDayHeading(line: string, defaultYear: number): { date: string | null; dayNumber?: number } | null {
  const text = line.replace(/[（(]\s*[星期週周一二三四五六日天a-z.]+\s*[）)]$/i, '').trim();
  let m = /^(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*[（(]?(?:星期|週|周)[一二三四五六日天][）)]?)?$/.exec(text);
  if (m) return { date: iso(m[1] ? Number(m[1]) : defaultYear, Number(m[2]), Number(m[3])) };
  m = DAY_MONTH.exec(text);
  if (m) return { date: iso(m[3] ? Number(m[3]) : defaultYear, monthIndex(m[2]!), Number(m[1])) };
  m = MONTH_DAY.exec(text);
  if (m) return { date: iso(m[3] ? Number(m[3]) : defaultYear, monthIndex(m[1]!), Number(m[2])) };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return { date: iso(Number(m[1]), Number(m[2]), Number(m[3])) };
  m = /^(?:day|第)\s*(\d{1,2})\s*(?:天|日)?(?:\s*[:：-].*)?$/i.exec(text);
  if (m) return { date: null, dayNumber: Number(m[1]) };
  return null;
}
