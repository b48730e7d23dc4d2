/**
 * Intl formatters, built once per locale and options and then reused. Building an
 * `Intl.DateTimeFormat` costs tens of microseconds (it loads locale and time-zone data); formatting
 * with one is cheap. A page that converted every agenda time with a new formatter spent seconds in
 * constructors while people typed, so everything that formats goes through here.
 */
const MAX_CACHED = 500;
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** The same formatter for the same locale and options (time zone included), cached. */
export function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}\u0000${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    // Zones come from meetings: a server serving many of them keeps a bounded set.
    if (dateTimeFormats.size >= MAX_CACHED) dateTimeFormats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** "09:05" in `timeZone` (24-hour clock), as agenda times are written. */
export function formatClock(ms: number, timeZone: string): string {
  return dateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** The zone this runtime runs in (the reader's zone in a browser). */
export function localTimeZone(): string {
  return dateTimeFormat(undefined, {}).resolvedOptions().timeZone;
}
