/**
 * Dashboard settings from its URL: `?columns=politics/*,*\/az&title=Newsroom&max=30&stale=30&theme=dark&tz=Asia/Baku&clock=24&breaking=10`.
 * Untrusted (anyone can craft the link): every value is validated and only ever used as text.
 */
import { parseChannelList } from '../../browser/channels.ts';
import { isTimeZone, type TimeFormat } from '../../browser/format.ts';

export interface DashboardParams {
  columns: string[];
  invalid: string[];
  title: string;
  /** Items kept per column. */
  max: number;
  /** Minutes without a headline before a column is marked stale. */
  staleMinutes: number;
  theme: 'dark' | 'light';
  /** IANA zone of the clock and the headline times; undefined: the screen's own. */
  timeZone: string | undefined;
  /** `?clock=24` or `?clock=12`; otherwise the screen's locale decides. */
  clock: TimeFormat;
  /** Minutes a breaking headline stays in the banner. */
  breakingMinutes: number;
}

const MAX_COLUMNS = 8;

function intParam(value: string | null, fallback: number, min: number, max: number): number {
  const n = value === null || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
}

export function parseDashboardParams(search: string): DashboardParams {
  const params = new URLSearchParams(search);
  // `columns` may be repeated or comma-separated.
  const { channels, invalid } = parseChannelList(params.getAll('columns').join(','));
  const title = (params.get('title') ?? '').trim().slice(0, 80);
  const tz = (params.get('tz') ?? '').trim();
  const clock = (params.get('clock') ?? '').trim();
  return {
    columns: channels.length > 0 ? channels.slice(0, MAX_COLUMNS) : ['*/*'],
    invalid,
    title: title === '' ? 'News Ticker' : title,
    max: intParam(params.get('max'), 25, 5, 100),
    staleMinutes: intParam(params.get('stale'), 30, 1, 24 * 60),
    theme: params.get('theme') === 'light' ? 'light' : 'dark',
    timeZone: tz !== '' && isTimeZone(tz) ? tz : undefined,
    clock: clock === '24' ? '24h' : clock === '12' ? '12h' : 'auto',
    breakingMinutes: intParam(params.get('breaking'), 10, 1, 24 * 60),
  };
}
