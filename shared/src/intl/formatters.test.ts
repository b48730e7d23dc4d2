import { describe, expect, it } from 'vitest';
import { zonedTimeToUtc } from '../model/timezone.ts';
import { dateTimeFormat, formatClock } from './formatters.ts';

describe('cached Intl formatters', () => {
  it('hands out one formatter per locale and options, and formats as a fresh one would', () => {
    const options = { timeZone: 'Asia/Taipei', hour: '2-digit', minute: '2-digit' } as const;
    expect(dateTimeFormat('en-GB', options)).toBe(dateTimeFormat('en-GB', { ...options }));
    expect(dateTimeFormat('en-GB', options)).not.toBe(dateTimeFormat('en-GB', { ...options, timeZone: 'Europe/Paris' }));
    expect(dateTimeFormat('en-GB', options)).not.toBe(dateTimeFormat('zh-TW', options));
    const instant = zonedTimeToUtc('2022-02-17', '09:05', 'Asia/Taipei');
    expect(formatClock(instant, 'Asia/Taipei')).toBe('09:05');
    expect(formatClock(instant, 'Europe/Paris')).toBe(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant));
  });
});
