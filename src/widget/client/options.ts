/**
 * Widget options from every way of embedding (script `data-*` attributes, `<news-ticker>`
 * attributes, `NewsTicker.mount(element, options)`), normalised to one validated shape.
 * Bad values fall back to defaults rather than breaking the host page.
 */
import { parseChannelList } from '../../browser/channels.ts';
import { isTimeZone, type TimeFormat } from '../../browser/format.ts';
import type { LinkTarget } from '../../browser/item.ts';
import { safeHttpUrl } from '../../browser/safety.ts';
import { isUiLang, type UiLang } from './strings.ts';

export type Theme = 'light' | 'dark' | 'auto';
export type Layout = 'crawl' | 'list';

export interface TickerOptions {
  /** Channels to follow, e.g. ["politics/*", "*\/az"]. */
  channels: string[];
  /** Origin of the News Ticker service. */
  server: string;
  theme: Theme;
  /** Crawl speed in CSS pixels per second. */
  speed: number;
  /** How many headlines the ticker keeps. */
  max: number;
  showSource: boolean;
  showTime: boolean;
  target: LinkTarget;
  /** Accessible name of the region, and the badge text; null: the channel's label in `lang`. */
  label: string | null;
  /** Screen-reader announcements of new headlines (off by default: a ticker is not an alert). */
  announce: boolean;
  /** A horizontal crawl, or a vertical list, newest first, with day headings. */
  layout: Layout;
  /** Language of the UI strings (and of dates); ar and fa run right to left. */
  lang: UiLang;
  /** IANA zone the times are shown in; null: the reader's own. */
  timeZone: string | null;
  timeFormat: TimeFormat;
  /** A "more" link under the list layout (http(s) only). */
  moreUrl: string | null;
  /** How long a breaking headline stays first. */
  breakingMinutes: number;
}

/** What a caller may pass: strings as they come from attributes, or typed values. */
export type TickerOptionsInput = {
  [K in keyof TickerOptions]?: TickerOptions[K] | string | null;
} & { channels?: string | readonly string[] | null };

export const DEFAULTS: Readonly<Omit<TickerOptions, 'server'>> = {
  channels: ['*/*'],
  theme: 'auto',
  speed: 60,
  max: 20,
  showSource: true,
  showTime: true,
  target: '_blank',
  label: null,
  announce: false,
  layout: 'crawl',
  lang: 'en',
  timeZone: null,
  timeFormat: 'auto',
  moreUrl: null,
  breakingMinutes: 10,
};

const SPEED_WORDS: Record<string, number> = { slow: 35, normal: 60, fast: 100 };
const SPEED_RANGE = { min: 10, max: 400 } as const;
const MAX_RANGE = { min: 1, max: 100 } as const;
const BREAKING_MINUTES_RANGE = { min: 0, max: 1440 } as const;

function clampNumber(value: unknown, fallback: number, range: { min: number; max: number }): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  return Math.min(range.max, Math.max(range.min, Math.round(n)));
}

function parseBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return fallback;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'true' || v === '1' || v === 'yes' || v === 'on') return true;
  if (v === 'false' || v === '0' || v === 'no' || v === 'off') return false;
  return fallback;
}

function parseSpeed(value: unknown): number {
  if (typeof value === 'string' && SPEED_WORDS[value.trim().toLowerCase()] !== undefined) {
    return SPEED_WORDS[value.trim().toLowerCase()] ?? DEFAULTS.speed;
  }
  return clampNumber(value, DEFAULTS.speed, SPEED_RANGE);
}

function parseTheme(value: unknown): Theme {
  return value === 'light' || value === 'dark' || value === 'auto' ? value : DEFAULTS.theme;
}

function parseTarget(value: unknown): LinkTarget {
  return value === '_blank' || value === '_self' || value === '_top' || value === '_parent' ? value : DEFAULTS.target;
}

/** The service origin: an http(s) URL reduced to its origin, or the fallback. */
export function parseServer(value: unknown, fallback: string): string {
  const href = safeHttpUrl(value, fallback);
  return href === null ? fallback : new URL(href).origin;
}

function parseChannels(value: TickerOptionsInput['channels']): string[] {
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : '';
  const { channels } = parseChannelList(text);
  return channels.length > 0 ? channels : [...DEFAULTS.channels];
}

function parseLabel(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 80) : DEFAULTS.label;
}

/** "ar", "fa-IR", "zh-Hans" → the UI language of their primary subtag, when there is one. */
function parseLang(value: unknown): UiLang | undefined {
  const primary = typeof value === 'string' ? value.trim().toLowerCase().split(/[-_]/)[0] : undefined;
  return primary !== undefined && isUiLang(primary) ? primary : undefined;
}

function parseTimeZone(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' && isTimeZone(value.trim()) ? value.trim() : DEFAULTS.timeZone;
}

function parseTimeFormat(value: unknown): TimeFormat {
  return value === '24h' || value === '12h' || value === 'relative' || value === 'auto' ? value : DEFAULTS.timeFormat;
}

/** `pageLang`: the host page's language, the default when `lang` is not given (or not supported). */
export function normaliseOptions(input: TickerOptionsInput, defaultServer: string, pageLang?: string): TickerOptions {
  return {
    channels: parseChannels(input.channels),
    server: parseServer(input.server, defaultServer),
    theme: parseTheme(input.theme),
    speed: parseSpeed(input.speed),
    max: clampNumber(input.max, DEFAULTS.max, MAX_RANGE),
    showSource: parseBoolean(input.showSource, DEFAULTS.showSource),
    showTime: parseBoolean(input.showTime, DEFAULTS.showTime),
    target: parseTarget(input.target),
    label: parseLabel(input.label),
    announce: parseBoolean(input.announce, DEFAULTS.announce),
    layout: input.layout === 'list' ? 'list' : DEFAULTS.layout,
    lang: parseLang(input.lang) ?? parseLang(pageLang) ?? DEFAULTS.lang,
    timeZone: parseTimeZone(input.timeZone),
    timeFormat: parseTimeFormat(input.timeFormat),
    moreUrl: safeHttpUrl(input.moreUrl),
    breakingMinutes: clampNumber(input.breakingMinutes, DEFAULTS.breakingMinutes, BREAKING_MINUTES_RANGE),
  };
}

/** Attribute names of `<news-ticker>`; a script tag uses the same names with `data-`. */
export const ATTRIBUTES = {
  channels: 'channels',
  server: 'server',
  theme: 'theme',
  speed: 'speed',
  max: 'max',
  showSource: 'show-source',
  showTime: 'show-time',
  target: 'target',
  label: 'label',
  announce: 'announce',
  layout: 'layout',
  lang: 'lang',
  timeZone: 'time-zone',
  timeFormat: 'time-format',
  moreUrl: 'more-url',
  breakingMinutes: 'breaking-minutes',
} as const satisfies Record<keyof TickerOptions, string>;

/** Reads options from attributes through `get` (element.getAttribute or a dataset lookup). */
export function optionsFromAttributes(get: (name: string) => string | null): TickerOptionsInput {
  const input: TickerOptionsInput = {};
  for (const [key, attribute] of Object.entries(ATTRIBUTES) as [keyof TickerOptions, string][]) {
    const value = get(attribute);
    if (value !== null) input[key] = value;
  }
  return input;
}
