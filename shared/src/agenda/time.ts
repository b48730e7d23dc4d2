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
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?![a-z])`;
// Compiled once: parseDayHeading runs on every line of a pasted agenda. None is anchored at the
// end, and a heading is short (MAX_HEADING), so each is tried on a bounded text.
const ZH_DATE = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日號号]/g;
const DAY_MONTH = new RegExp(String.raw`(?<![\d])(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH},?(?:\s*(\d{4}))?(?!\d)`, 'gi');
const MONTH_DAY = new RegExp(String.raw`(?<![a-z])${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d),?(?:\s*(\d{4}))?(?!\d)`, 'gi');
const ISO_DATE = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/g;
const WEEKDAY = /(?<![a-z])(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?(?![a-z])|(?:星期|週|周|禮拜|礼拜)[一二三四五六日天]/gi;
const DAY_LABEL = /^(?:day\s*(\d{1,2})|第\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[天日])/i;
// What may stand between the parts of a heading: "Day 1 – Thursday, 17 February 2022 / 2022 年 2 月 17 日（星期四）".
const FILLER = /[\s,，、/|｜:：()（）[\]【】\-~.]+/g;
/** Longer lines are not day headings (a title that mentions a date is not one either). */
const MAX_HEADING = 120;
const ZH_NUMBERS = '一二三四五六七八九十';

const monthIndex = (name: string) => MONTHS.findIndex((full) => full.startsWith(name.toLowerCase().slice(0, 3))) + 1;
const iso = (y: number, m: number, d: number) =>
  m >= 1 && m <= 12 && d >= 1 && d <= 31 ? `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` : null;

function dayNumberOf(label: RegExpExecArray): number {
  const [, latin, chinese] = label;
  if (latin) return Number(latin);
  if (/^\d+$/.test(chinese!)) return Number(chinese);
  // 一…十, 十一…十九, 二十…: enough for the days of a meeting.
  const ten = chinese!.indexOf('十');
  if (ten < 0) return ZH_NUMBERS.indexOf(chinese!) + 1;
  const tens = ten === 0 ? 1 : ZH_NUMBERS.indexOf(chinese![0]!) + 1;
  const units = ten === chinese!.length - 1 ? 0 : ZH_NUMBERS.indexOf(chinese![ten + 1]!) + 1;
  return tens * 10 + units;
}

/**
 * A line that is only a day heading: its date (YYYY-MM-DD) and, for "Day 2" or "第二天", its number.
 * The date may be written "2022 年 2 月 17 日", "2月17日", "17 February 2022", "February 17, 2022"
 * or "2022-02-17", with a weekday, a day label, or both languages on one line ("17 February 2022 /
 * 2022 年 2 月 17 日"); the first date counts. Anything else on the line makes it not a heading,
 * except after a day label and a colon ("Day 1: Opening").
 */
export function parseDayHeading(line: string, defaultYear: number): { date: string | null; dayNumber?: number } | null {
  let text = line.trim();
  if (text.length === 0 || text.length > MAX_HEADING) return null;
  let dayNumber: number | undefined;
  let labelled = false;
  const label = DAY_LABEL.exec(text);
  if (label) {
    dayNumber = dayNumberOf(label);
    text = text.slice(label[0].length);
    labelled = /^\s*[:：-]/.test(text);
  }
  let date: string | null = null;
  const take = (found: string | null) => {
    date ??= found;
    return ' ';
  };
  text = text
    .replace(ZH_DATE, (_, y?: string, m?: string, d?: string) => take(iso(y ? Number(y) : defaultYear, Number(m), Number(d))))
    .replace(ISO_DATE, (_, y: string, m: string, d: string) => take(iso(Number(y), Number(m), Number(d))))
    .replace(DAY_MONTH, (_, d: string, m: string, y?: string) => take(iso(y ? Number(y) : defaultYear, monthIndex(m), Number(d))))
    .replace(MONTH_DAY, (_, m: string, d: string, y?: string) => take(iso(y ? Number(y) : defaultYear, monthIndex(m), Number(d))));
  if (date === null && dayNumber === undefined) return null;
  const rest = text.replace(WEEKDAY, ' ').replace(FILLER, '');
  if (rest && !labelled) return null;
  return dayNumber !== undefined ? { date, dayNumber } : { date };
}
