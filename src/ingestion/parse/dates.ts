/**
 * Dates from feeds and pages. A date without an offset is read in the source's time zone; a
 * string we cannot read gives null (reported as missing, never replaced by "now").
 */
import { DateTime, FixedOffsetZone } from 'luxon';

/** Zone abbreviations seen in real feeds, as minutes east of UTC (RFC 822 names plus common ones). */
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, WEST: 60, EET: 120, EEST: 180,
  MSK: 180, PKT: 300, ICT: 420, WIB: 420, HKT: 480, SGT: 480, AWST: 480, PHT: 480,
  JST: 540, KST: 540, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780,
};

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

// Optional weekday, day, month name, 2-4 digit year, time, then whatever zone text is left.
const RFC822 =
  /^(?:[a-z]{2,}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3,})\.?[\s-]+(\d{2,4}),?(?:\s+|T)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(.*)$/i;

/** Minutes east of UTC for an RFC 822 zone, undefined when there is none we understand. */
function zoneOffset(zone: string): number | undefined {
  const text = zone.trim().replace(/^\((.*)\)$/, '$1');
  if (text === '') return undefined;
  const numeric = /^(?:(?:GMT|UTC|UT)\s*)?([+-])(\d{1,2}):?(\d{2})?$/i.exec(text);
  if (numeric !== null) {
    const sign = numeric[1] === '-' ? -1 : 1;
    return sign * (Number(numeric[2]) * 60 + Number(numeric[3] ?? '0'));
  }
  // "+0000 (UTC)" and "EST (Eastern)" style tails: the first token decides.
  const first = text.split(/\s+/)[0] ?? '';
  if (first !== text) return zoneOffset(first);
  return ZONE_ABBREVIATIONS[text.toUpperCase()];
}

function rfc822Year(text: string): number {
  const year = Number(text);
  // RFC 2822 section 4.3: two-digit years 00-49 are 20xx, 50-99 are 19xx; three digits add 1900.
  if (text.length === 2) return year < 50 ? 2000 + year : 1900 + year;
  if (text.length === 3) return 1900 + year;
  return year;
}

function parseRfc822(raw: string, timezone: string): DateTime | undefined {
  const match = RFC822.exec(raw);
  if (match === null) return undefined;
  const [, day, monthName, yearText, hour, minute, second, zone] = match;
  const month = MONTHS[(monthName ?? '').slice(0, 3).toLowerCase()];
  if (month === undefined || day === undefined || yearText === undefined) return undefined;
  const offset = zoneOffset(zone ?? '');
  // An unknown zone name is read like a missing one: in the source's zone, which is the
  // closest reading we have (the normaliser still clamps anything in the future).
  const zoneForDate = offset === undefined ? timezone : FixedOffsetZone.instance(offset);
  const parsed = DateTime.fromObject(
    { year: rfc822Year(yearText), month, day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second ?? '0') },
    { zone: zoneForDate },
  );
  return parsed.isValid ? parsed : undefined;
}

/**
 * Reads a feed date: ISO 8601 / RFC 3339 (Atom, JSON Feed, dc:date), RFC 822 with 2-digit years
 * and zone names (RSS), SQL-style and HTTP dates. Returns null when it cannot.
 */
export function parseFeedDate(raw: string | null | undefined, timezone: string): Date | null {
  if (typeof raw !== 'string') return null;
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const candidates: (() => DateTime | undefined)[] = [
    () => DateTime.fromISO(text, { zone: timezone }),
    () => parseRfc822(text, timezone),
    () => DateTime.fromSQL(text, { zone: timezone }),
    () => DateTime.fromHTTP(text, { zone: 'UTC' }),
  ];
  for (const candidate of candidates) {
    const parsed = candidate();
    if (parsed?.isValid === true) return parsed.toJSDate();
  }
  return null;
}

/** Reads a date in a per-source luxon format (listing pages), in the source's time zone. */
export function parseFormattedDate(raw: string, format: string, options: { timezone: string; locale: string }): Date | null {
  const text = raw.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  const parsed = DateTime.fromFormat(text, format, { zone: options.timezone, locale: options.locale });
  return parsed.isValid ? parsed.toJSDate() : null;
}
