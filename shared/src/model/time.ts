/** Meeting-local wall-clock times as `HH:MM` (24 h), and minute arithmetic on them. */
export const HHMM_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isHHMM(value: unknown): value is string {
  return typeof value === 'string' && HHMM_PATTERN.test(value);
}

/** Minutes since midnight; throws on anything that is not `HH:MM`. */
export function toMinutes(hhmm: string): number {
  if (!isHHMM(hhmm)) throw new Error(`not an HH:MM time: ${JSON.stringify(hhmm)}`);
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** `HH:MM` for minutes since midnight, clamped to the same day (00:00-23:59). */
export function fromMinutes(minutes: number): string {
  const clamped = Math.max(0, Math.min(23 * 60 + 59, Math.round(minutes)));
  return `${String(Math.floor(clamped / 60)).padStart(2, '0')}:${String(clamped % 60).padStart(2, '0')}`;
}
