import { describe, expect, it } from 'vitest';
import { parseTimeOfDay } from './timeOfDay.ts';

describe('time of day (24-hour, the meeting convention)', () => {
  it('reads what people type into HH:MM', () => {
    expect(parseTimeOfDay('09:30')).toBe('09:30');
    expect(parseTimeOfDay('9:30')).toBe('09:30');
    expect(parseTimeOfDay('930')).toBe('09:30');
    expect(parseTimeOfDay('0930')).toBe('09:30');
    expect(parseTimeOfDay('21.05')).toBe('21:05');
    expect(parseTimeOfDay('14')).toBe('14:00');
    expect(parseTimeOfDay('14：00')).toBe('14:00');
    expect(parseTimeOfDay(' 23:59 ')).toBe('23:59');
    expect(parseTimeOfDay('00:00')).toBe('00:00');
    expect(parseTimeOfDay('2:30 PM')).toBe('14:30');
    expect(parseTimeOfDay('12:15 am')).toBe('00:15');
    expect(parseTimeOfDay('12 p.m.')).toBe('12:00');
  });

  it('refuses what is not a time of day', () => {
    for (const bad of ['', '24:00', '12:60', '13:00 PM', '0:30 am', 'noon', '1:2', '12345', '-1:00']) expect(parseTimeOfDay(bad), bad).toBeNull();
  });
});
