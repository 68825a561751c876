/**
 * The widget's UI strings. English is built into widget.js (without topic labels); every
 * language, English included, is also a small file the server sends on demand (./packs.ts)
 * with the topic labels, so languages and labels cost widget.js nothing.
 * Browser-safe: both widget.js and the server import this file.
 */

export interface UiStrings {
  /** The badge and region name when no single channel names the ticker. */
  latest: string;
  waiting: string;
  reconnecting: string;
  unavailable: string;
  /** The page's origin is not in the service's ALLOWED_ORIGINS. */
  notEnabled: string;
  pause: string;
  play: string;
  previous: string;
  next: string;
  more: string;
  /** Next to a corrected headline. */
  updated: string;
  breaking: string;
  /** Short topic labels by slug (empty in the built-in English). */
  topics: Record<string, string>;
}

export const UI_LANGS = ['en', 'ar', 'fa', 'ru', 'az', 'tr', 'fr', 'de', 'es', 'zh'] as const;
export type UiLang = (typeof UI_LANGS)[number];
/** Languages whose tickers run right to left. */
export const RTL_LANGS: ReadonlySet<string> = new Set(['ar', 'fa']);

export function isUiLang(value: string): value is UiLang {
  return (UI_LANGS as readonly string[]).includes(value);
}

export const EN: UiStrings = {
  latest: 'Latest news',
  waiting: 'Waiting for headlines…',
  reconnecting: 'Reconnecting…',
  unavailable: 'Unavailable',
  notEnabled: 'Not enabled for this site',
  pause: 'Pause headlines',
  play: 'Play headlines',
  previous: 'Previous headline',
  next: 'Next headline',
  more: 'More news',
  updated: 'updated',
  breaking: 'Breaking',
  topics: {},
};

/** A language file from the server, checked key by key; null when it is not one. */
export function toUiStrings(body: unknown): UiStrings | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(EN) as (keyof UiStrings)[]) {
    const value = record[key];
    if (key === 'topics') {
      if (typeof value !== 'object' || value === null) return null;
      out.topics = Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    } else if (typeof value === 'string') out[key] = value;
    else return null;
  }
  return out as unknown as UiStrings;
}
