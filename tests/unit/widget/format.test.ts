/** Headline times in a chosen zone and clock, relative times, and dates on anything older than a day. */
import { describe, expect, it } from 'vitest';
import { createTimeFormatter, isTimeZone } from '../../../src/browser/format.ts';

// The seed headline of the source page: "14 June 2024 - 20:59" in Baku (UTC+4).
const SEED = new Date('2024-06-14T16:59:00Z');

describe('time formats', () => {
  it('shows the time in the chosen zone and clock', () => {
    const sameEvening = new Date('2024-06-14T18:00:00Z');
    expect(createTimeFormatter({ locale: 'en', timeZone: 'Asia/Baku', format: '24h' }).time(SEED, sameEvening)).toBe('20:59');
    expect(createTimeFormatter({ locale: 'en', timeZone: 'Asia/Baku', format: '12h' }).time(SEED, sameEvening)).toMatch(/^08:59\sPM$/);
    expect(createTimeFormatter({ locale: 'en', timeZone: 'UTC', format: '24h' }).time(SEED, sameEvening)).toBe('16:59');
  });

  it('says how long ago in the chosen language, and dates anything older than a day', () => {
    const relative = createTimeFormatter({ locale: 'en', timeZone: 'Asia/Baku', format: 'relative' });
    expect(relative.time(SEED, new Date(SEED.getTime() + 5 * 60_000))).toBe('5 min. ago');
    expect(relative.time(SEED, new Date(SEED.getTime() + 3 * 3_600_000))).toBe('3 hr. ago');
    expect(relative.time(SEED, SEED)).toBe('this minute');
    expect(createTimeFormatter({ locale: 'de', format: 'relative' }).time(SEED, new Date(SEED.getTime() + 5 * 60_000))).toBe('vor 5 Min.');
    const later = new Date('2024-06-16T09:00:00Z');
    expect(relative.time(SEED, later)).toMatch(/^Jun 14, 08:59\sPM$/); // English's own clock
    expect(createTimeFormatter({ locale: 'en', timeZone: 'Asia/Baku', format: '24h' }).time(SEED, later)).toBe('Jun 14, 20:59');
  });

  it('groups by the calendar day of the chosen zone', () => {
    const baku = createTimeFormatter({ locale: 'en', timeZone: 'Asia/Baku', format: '24h' });
    const lateUtc = new Date('2024-06-14T21:30:00Z'); // already the 15th in Baku
    expect(baku.dayKey(lateUtc)).toBe('2024-06-15');
    expect(createTimeFormatter({ locale: 'en', timeZone: 'UTC', format: '24h' }).dayKey(lateUtc)).toBe('2024-06-14');
    expect(baku.day(SEED)).toBe('Friday, June 14');
  });

  it('knows an IANA zone from a made-up one', () => {
    expect(isTimeZone('Asia/Baku')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
