/** Times shown in the viewer's own locale and time zone (Intl picks both up from the browser). */
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** The moment a headline stands for: when it was published, else when it was received. */
export function headlineDate(headline: { publishedAt: string | null; receivedAt: string }): Date | null {
  for (const value of [headline.publishedAt, headline.receivedAt]) {
    if (value === null || value === '') continue;
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return null;
}

/** "14:05" for today, "Jun 14, 16:59" otherwise (in the viewer's locale). */
export function formatHeadlineTime(date: Date, now: Date = new Date()): string {
  return date.toDateString() === now.toDateString() ? timeOnly.format(date) : dateAndTime.format(date);
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
