/**
 * A time of day as the meeting writes it: 24-hour `HH:MM`. Reads what people type ("9:30", "930",
 * "0930", "09.30", "21:05") and gives the canonical form, or null when it is not a time.
 */
export function parseTimeOfDay(text: string): string | null {
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
