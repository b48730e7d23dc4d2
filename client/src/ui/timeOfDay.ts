/**
 * A time of day as the meeting writes it: 24-hour `HH:MM`. Reads what people type ("9:30", "930",
 * "0930", "09.30", "21:05") and gives the canonical form, or null when it is not a time.
 */
export function parseTimeOfDay(text: string): string | null {
  // "2:30 PM" typed by habit: read as 14:30 (12-hour clock hours only), shown back as 24-hour.
  const meridiem = /^(.*?)\s*([ap])\.?\s*m\.?\s*$/i.exec(text);
  if (meridiem) {
    const base = parseTimeOfDay(meridiem[1]!);
    const hours = base ? Number(base.slice(0, 2)) : NaN;
    if (!base || hours < 1 || hours > 12) return null;
    const h24 = (hours % 12) + (meridiem[2]!.toLowerCase() === 'p' ? 12 : 0);
    return `${String(h24).padStart(2, '0')}${base.slice(2)}`;
  }
  const m = /^\s*(\d{1,2})(?:[:.：h]?(\d{2}))?\s*$/.exec(text);
  if (!m) {
    const compact = /^\s*(\d)(\d{2})\s*$/.exec(text);
    return compact ? parseTimeOfDay(`${compact[1]}:${compact[2]}`) : null;
  }
  const hours = Number(m[1]);
  const minutes = m[2] === undefined ? 0 : Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}
