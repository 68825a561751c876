/**
 * Real headlines for the ingest case: the items of the fixture feeds, normalised and tagged by
 * the production path (normaliseItem + the classifier), so that the store is measured with real
 * titles, summaries and links, and with the topic and region tags real headlines get (about
 * 4.7 stream appends each, against 6.3 for the fan-out's world-desk mix). Each copy gets a link
 * of its own, so that none is a duplicate of another.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tagHeadline } from '../../src/classification/index.ts';
import { normaliseItem, withTags, type PreparedHeadline } from '../../src/headlines/normalise.ts';
import type { RawItem } from '../../src/headlines/headline.ts';
import { parseFeed } from '../../src/ingestion/parse/feed.ts';

/** Beside the clone (../shared), relative to the project root the bench runs from. */
const SHARED_FIXTURES = '../shared/fixtures/feeds';
const REPO_FIXTURES = 'tests/fixtures/feeds';
const FEED_FILE = /\.(xml|rss|rdf|atom|json)$/;

export interface FixtureFeeds {
  /** The captured feeds beside the clone when they are there, else the repository's own. */
  readonly dir: string;
  readonly feeds: readonly { name: string; body: Buffer }[];
}

export function readFixtureFeeds(): FixtureFeeds {
  const dir = existsSync(SHARED_FIXTURES) ? SHARED_FIXTURES : REPO_FIXTURES;
  const names = existsSync(dir) ? readdirSync(dir).filter((name) => FEED_FILE.test(name)).sort() : [];
  return { dir, feeds: names.map((name) => ({ name, body: readFileSync(join(dir, name)) })) };
}

/** The fixture's base URL for relative links, the same in every bench case. */
export function fixtureBaseUrl(name: string): string {
  return `https://fixtures.example/${name}`;
}

const SOURCE = { id: 'bench-fixtures', name: 'Bench Fixtures' };

export interface FixtureHeadlines {
  /** Where the feeds were read from. */
  readonly fixtures: string;
  readonly items: readonly RawItem[];
}

export function loadFixtureItems(): FixtureHeadlines {
  const { dir, feeds } = readFixtureFeeds();
  const items: RawItem[] = [];
  for (const { name, body } of feeds) {
    try {
      items.push(...parseFeed(body, { baseUrl: fixtureBaseUrl(name), timezone: 'UTC' }).items);
    } catch {
      // Fixtures that are malformed on purpose have no items to store.
    }
  }
  if (items.length === 0) throw new Error(`no feed items in ${dir}`);
  return { fixtures: dir, items };
}

/** `count` headlines cycling through the fixture items, each with a link and guid of its own. */
export function prepareFixtureHeadlines(fixtures: FixtureHeadlines, count: number, run: string): PreparedHeadline[] {
  const receivedAt = new Date();
  const out: PreparedHeadline[] = [];
  for (let i = 0; out.length < count && i < count * 2; i += 1) {
    const item = fixtures.items[i % fixtures.items.length];
    if (item === undefined) continue;
    const copy: RawItem = { ...item, guid: `${run}-${i}`, url: linkOfCopy(item.url, `${run}-${i}`) };
    const normalised = normaliseItem(copy, { source: SOURCE, receivedAt, defaultLang: 'en' });
    if (!normalised.ok) continue;
    const { draft } = normalised.headline;
    const tags = tagHeadline({ title: draft.title, ...(draft.summary === undefined ? {} : { summary: draft.summary }), ...(draft.lang === undefined ? {} : { lang: draft.lang }), sourceTopics: [], sourceRegions: [] });
    out.push(withTags(normalised.headline, tags));
  }
  return out;
}

/** The item's own link with a marker parameter (real lengths, distinct links), or a made-up one. */
function linkOfCopy(url: string | null | undefined, copy: string): string {
  try {
    const link = new URL(url ?? '');
    link.searchParams.set('nt-copy', copy);
    return link.href;
  } catch {
    return `https://fixtures.example/item/${copy}`;
  }
}
