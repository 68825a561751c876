import { describe, expect, it } from 'vitest';
import { parseFeedDate, parseFormattedDate } from '../../../src/ingestion/parse/dates.ts';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

describe('parseFeedDate', () => {
  it('reads RFC 822 dates with numeric offsets', () => {
    expect(iso(parseFeedDate('Tue, 17 Feb 2026 15:42:43 +0000', 'UTC'))).toBe('2026-02-17T15:42:43.000Z');
    expect(iso(parseFeedDate('Fri, 14 Jun 2024 20:59:00 +0400', 'UTC'))).toBe('2024-06-14T16:59:00.000Z');
  });

  it('reads zone abbreviations and two-digit years', () => {
    expect(iso(parseFeedDate('Thu, 07 Dec 17 18:00:29 EST', 'UTC'))).toBe('2017-12-07T23:00:29.000Z');
    expect(iso(parseFeedDate('Wed, 17 Jan 2018 15:50:00 PST', 'UTC'))).toBe('2018-01-17T23:50:00.000Z');
    expect(iso(parseFeedDate('Sat, 07 Jan 2017 15:25:29 GMT', 'Asia/Tokyo'))).toBe('2017-01-07T15:25:29.000Z');
    expect(iso(parseFeedDate('07 Jan 99 10:00 GMT', 'UTC'))).toBe('1999-01-07T10:00:00.000Z');
  });

  it('reads a date without an offset in the source time zone', () => {
    expect(iso(parseFeedDate('Fri, 14 Jun 2024 20:59:00', 'Asia/Baku'))).toBe('2024-06-14T16:59:00.000Z');
    expect(iso(parseFeedDate('2024-06-14T20:59:00', 'Asia/Baku'))).toBe('2024-06-14T16:59:00.000Z');
    expect(iso(parseFeedDate('2024-06-14 20:59:00', 'Europe/Vienna'))).toBe('2024-06-14T18:59:00.000Z');
  });

  it('reads ISO 8601 / RFC 3339 with offsets', () => {
    expect(iso(parseFeedDate('2017-01-23T21:54:55+01:00', 'America/New_York'))).toBe('2017-01-23T20:54:55.000Z');
    expect(iso(parseFeedDate('  2024-06-10T08:00:00Z \n', 'Asia/Baku'))).toBe('2024-06-10T08:00:00.000Z');
  });

  it('gives null for missing or unreadable dates, never a guess', () => {
    expect(parseFeedDate(undefined, 'UTC')).toBeNull();
    expect(parseFeedDate('', 'UTC')).toBeNull();
    expect(parseFeedDate('sometime last week', 'UTC')).toBeNull();
    expect(parseFeedDate('Fri, 31 Feb 2024 10:00:00 GMT', 'UTC')).toBeNull();
  });
});

describe('parseFormattedDate', () => {
  it('reads a per-source format in the source zone', () => {
    expect(iso(parseFormattedDate('14 June 2024 - 20:59', 'd MMMM yyyy - HH:mm', { timezone: 'Asia/Baku', locale: 'en' }))).toBe('2024-06-14T16:59:00.000Z');
    expect(iso(parseFormattedDate('3 März 2024, 07:05', 'd MMMM yyyy, HH:mm', { timezone: 'Europe/Berlin', locale: 'de' }))).toBe('2024-03-03T06:05:00.000Z');
    expect(parseFormattedDate('Azerbaijan hosts a forum', 'd MMMM yyyy - HH:mm', { timezone: 'Asia/Baku', locale: 'en' })).toBeNull();
  });
});
