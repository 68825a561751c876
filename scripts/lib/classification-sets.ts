/**
 * The labelled sets the classifier is measured on, shared by `npm run eval:classify` and the
 * evaluation test. Written sets (labelled.json, holdout.json) hold their headlines; feed-backed
 * sets (real.json, …) hold only a feed file name, the title and the labels: the item itself
 * (summary, link, language, categories) is read from ../shared/fixtures/feeds through our own
 * feed parser and normaliser, so the classifier sees exactly what production would.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLabelledSet } from '../../src/classification/evaluate.ts';
import type { LabelledHeadline } from '../../src/classification/evaluate.ts';
import { normaliseItem } from '../../src/headlines/normalise.ts';
import { parseFeed } from '../../src/ingestion/parse/feed.ts';

export interface SetInfo {
  readonly name: string;
  readonly file: string;
  /** True when the headlines come from the shared fixture feeds. */
  readonly fromFeeds: boolean;
}

const fixtures = (name: string): string => fileURLToPath(new URL(`../../tests/fixtures/classification/${name}`, import.meta.url));
export const FEEDS_DIR = fileURLToPath(new URL('../../../shared/fixtures/feeds/', import.meta.url));

export const SETS: readonly SetInfo[] = [
  { name: 'labelled', file: fixtures('labelled.json'), fromFeeds: false },
  { name: 'holdout', file: fixtures('holdout.json'), fromFeeds: false },
  { name: 'real', file: fixtures('real.json'), fromFeeds: true },
  { name: 'second', file: fixtures('second.json'), fromFeeds: true },
  { name: 'third', file: fixtures('third.json'), fromFeeds: true },
  { name: 'fourth', file: fixtures('fourth.json'), fromFeeds: true },
  { name: 'fifth', file: fixtures('fifth.json'), fromFeeds: true },
  { name: 'sixth', file: fixtures('sixth.json'), fromFeeds: true },
];

export const feedsAvailable = (): boolean => existsSync(FEEDS_DIR);

interface FeedLabel {
  readonly feed: string;
  readonly title: string;
  readonly countries: readonly string[];
  readonly topics: readonly string[];
}

function parseFeedLabels(value: unknown): FeedLabel[] {
  const plain = parseLabelledSet(value);
  return plain.map((example, i) => {
    const feed = (value as Array<{ feed?: unknown }>)[i]?.feed;
    if (typeof feed !== 'string' || !/^[\w.-]+$/.test(feed)) throw new Error(`labelled set: entry ${i} needs a feed file name`);
    return { feed, title: example.title, countries: example.countries, topics: example.topics };
  });
}

/** Every item of a fixture feed as the ingestion path normalises it, keyed by its title. */
function feedItems(feed: string): Map<string, Omit<LabelledHeadline, 'countries' | 'topics'>> {
  const doc = parseFeed(readFileSync(`${FEEDS_DIR}${feed}`), { baseUrl: 'https://example.org/', timezone: 'UTC' });
  const items = new Map<string, Omit<LabelledHeadline, 'countries' | 'topics'>>();
  for (const raw of doc.items) {
    const result = normaliseItem(raw, { source: { id: 'fixture', name: feed }, receivedAt: new Date('2030-01-01T00:00:00Z') });
    if (!result.ok) continue;
    const { title, summary, url, lang, categories } = result.headline.draft;
    items.set(title, {
      title,
      ...(summary === undefined ? {} : { summary }),
      ...(url === undefined ? {} : { url }),
      ...(lang === undefined ? {} : { lang }),
      ...(categories === undefined ? {} : { categories }),
    });
  }
  return items;
}

/** A feed-backed set with each item completed from its feed; throws when a labelled title is not found. */
function loadFromFeeds(labels: readonly FeedLabel[]): LabelledHeadline[] {
  const cache = new Map<string, ReturnType<typeof feedItems>>();
  return labels.map((label) => {
    const items = cache.get(label.feed) ?? feedItems(label.feed);
    cache.set(label.feed, items);
    const item = items.get(label.title);
    if (item === undefined) throw new Error(`"${label.title}" is not an item of ${label.feed}`);
    return { ...item, countries: label.countries, topics: label.topics };
  });
}

/** The set's headlines, or null for a feed-backed set when ../shared/fixtures is absent. */
export function loadSet(info: SetInfo): LabelledHeadline[] | null {
  const json: unknown = JSON.parse(readFileSync(info.file, 'utf8'));
  if (!info.fromFeeds) return parseLabelledSet(json);
  if (!feedsAvailable()) return null;
  return loadFromFeeds(parseFeedLabels(json));
}
