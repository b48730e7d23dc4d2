/**
 * Meeting-local times to instants and back, with nothing but Intl: agenda times are stored as
 * `HH:MM` on a `YYYY-MM-DD` day in the meeting's IANA zone ("times are given in Taipei time"),
 * and every view can also show them in the reader's own zone. Formatters come from a cache
 * (shared/src/intl/formatters.ts): constructing one per conversion was the slow part.
 */
import { dateTimeFormat } from '../intl/formatters.ts';

/** The zone's offset from UTC, in minutes, at instant `utcMs` (e.g. +480 for Asia/Taipei). */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `hhmm`. In a spring-forward gap
 * the time does not exist and the result is the instant one offset later (as calendars do); in a
 * fall-back overlap the earlier instant is returned.
 */
export function zonedTimeToUtc(date: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // Two passes settle the offset around DST changes.
  let guess = wall - zoneOffsetMinutes(timeZone, wall) * 60_000;
  guess = wall - zoneOffsetMinutes(timeZone, guess) * 60_000;
  const earlier = wall - zoneOffsetMinutes(timeZone, guess - 3_600_000) * 60_000;
  if (earlier < guess && localParts(earlier, timeZone) === `${date} ${hhmm}`) return earlier;
  return guess;
}

function localParts(utcMs: number, timeZone: string): string {
  const f = dateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(utcMs)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** `{date, time}` of an instant on the wall clock of `timeZone`. */
export function utcToZoned(utcMs: number, timeZone: string): { date: string; time: string } {
  const [date, time] = localParts(utcMs, timeZone).split(' ') as [string, string];
  return { date, time };
}

/** A meeting-local time as the reader sees it, e.g. "08:00 (Bangkok)" for 09:00 Taipei. */
export function toReaderTime(date: string, hhmm: string, meetingZone: string, readerZone: string): { date: string; time: string; dayShift: number } {
  const instant = zonedTimeToUtc(date, hhmm, meetingZone);
  const reader = utcToZoned(instant, readerZone);
  const dayShift = Math.round((Date.parse(`${reader.date}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  return { ...reader, dayShift };
}

/** Short name of the zone at a date, e.g. "GMT+8" or "CET", in a given locale. */
export function zoneLabel(timeZone: string, utcMs: number, locale = 'en'): string {
  const parts = dateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(utcMs));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
