/**
 * Times of headlines, in a chosen language, time zone (IANA) and clock: `24h`, `12h`, `relative`
 * ("3 min ago", by Intl.RelativeTimeFormat) or `auto` (the language's own convention). Anything
 * older than a day shows its date, so a late story is not mistaken for a fresh one.
 */
export type TimeFormat = 'auto' | '24h' | '12h' | 'relative';

export interface TimeSettings {
  /** BCP 47 language; undefined: the viewer's. */
  locale?: string | undefined;
  /** IANA zone; undefined: the viewer's. */
  timeZone?: string | undefined;
  format: TimeFormat;
}

const DAY_MS = 86_400_000;

/** The moment a headline stands for: when it was published, else when it was received. */
export function headlineDate(headline: { publishedAt: string | null; receivedAt: string }): Date | null {
  for (const value of [headline.publishedAt, headline.receivedAt]) {
    if (value === null || value === '') continue;
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}

/** True for a name Intl knows as a time zone ("Asia/Baku", "UTC"). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function isOld(date: Date, now: Date): boolean {
  return now.getTime() - date.getTime() >= DAY_MS;
}

export interface TimeFormatter {
  /** "20:59", "8:59 PM" or "5 min ago"; "14 Jun, 20:59" once older than a day. */
  time(date: Date, now?: Date): string;
  /** A day heading: "Friday, 14 June". */
  day(date: Date): string;
  /** The calendar day in the chosen zone, for grouping ("2024-06-14"). */
  dayKey(date: Date): string;
}

export function createTimeFormatter(settings: TimeSettings): TimeFormatter {
  const { locale, timeZone, format } = settings;
  const clock: Intl.DateTimeFormatOptions = format === '24h' ? { hourCycle: 'h23' } : format === '12h' ? { hour12: true } : {};
  const hm: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', timeZone, ...clock };
  const timeOnly = new Intl.DateTimeFormat(locale, hm);
  const dated = new Intl.DateTimeFormat(locale, { ...hm, month: 'short', day: 'numeric' });
  const heading = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
  const key = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  return {
    time(date, now = new Date()) {
      if (isOld(date, now)) return dated.format(date);
      if (format !== 'relative') return timeOnly.format(date);
      const minutes = Math.max(0, Math.floor((now.getTime() - date.getTime()) / 60_000));
      return minutes < 60 ? relative.format(-minutes, 'minute') : relative.format(-Math.floor(minutes / 60), 'hour');
    },
    day: (date) => heading.format(date),
    dayKey: (date) => key.format(date),
  };
}

/** "just now", "4 min ago", "2 h ago", "3 d ago": short enough for a column header. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return 'just now';
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
