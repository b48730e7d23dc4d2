import { describe, expect, it } from 'vitest';
import { toReaderTime, utcToZoned, zonedTimeToUtc, zoneOffsetMinutes } from './timezone.ts';

describe('meeting-local times', () => {
  it('converts Taipei meeting times to Bangkok readers (one hour behind)', () => {
    expect(toReaderTime('2022-02-14', '09:00', 'Asia/Taipei', 'Asia/Bangkok')).toEqual({ date: '2022-02-14', time: '08:00', dayShift: 0 });
    expect(toReaderTime('2022-02-14', '00:30', 'Asia/Taipei', 'Asia/Bangkok')).toEqual({ date: '2022-02-13', time: '23:30', dayShift: -1 });
  });

  it('follows daylight saving time on both sides of a boundary', () => {
    // Europe/Paris switched to CEST on 2026-03-29 at 02:00 local.
    expect(zoneOffsetMinutes('Europe/Paris', Date.UTC(2026, 2, 28, 12))).toBe(60);
    expect(zoneOffsetMinutes('Europe/Paris', Date.UTC(2026, 2, 30, 12))).toBe(120);
    // The same 09:00 Paris meeting slot is 16:00 in Taipei before and 15:00 after the change.
    expect(toReaderTime('2026-03-27', '09:00', 'Europe/Paris', 'Asia/Taipei').time).toBe('16:00');
    expect(toReaderTime('2026-03-30', '09:00', 'Europe/Paris', 'Asia/Taipei').time).toBe('15:00');
    // New York changed on 2026-03-08, Paris three weeks later: 5 h apart in between, 6 h after.
    expect(toReaderTime('2026-03-10', '14:00', 'Europe/Paris', 'America/New_York').time).toBe('09:00');
    expect(toReaderTime('2026-04-01', '14:00', 'Europe/Paris', 'America/New_York').time).toBe('08:00');
  });

  it('handles the non-existent and the repeated hour', () => {
    // 02:30 does not exist in Paris on 2026-03-29: the next valid instant is 03:30 CEST.
    expect(utcToZoned(zonedTimeToUtc('2026-03-29', '02:30', 'Europe/Paris'), 'Europe/Paris').time).toBe('03:30');
    // 02:30 happens twice on 2026-10-25: the earlier (CEST) instant is used.
    const instant = zonedTimeToUtc('2026-10-25', '02:30', 'Europe/Paris');
    expect(new Date(instant).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('round-trips every quarter hour of a year in several zones', () => {
    for (const zone of ['Asia/Taipei', 'America/Los_Angeles', 'Australia/Lord_Howe', 'UTC']) {
      for (let day = 0; day < 365; day += 7) {
        const date = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
        for (const time of ['00:15', '09:00', '12:45', '23:30']) {
          const back = utcToZoned(zonedTimeToUtc(date, time, zone), zone);
          expect(back).toEqual({ date, time });
        }
      }
    }
  });
});
