/**
 * The format-neutral content of one channel feed: what the RSS, Atom and JSON Feed renderers
 * all write. Text is made XML-safe here, once, so no renderer can emit a character XML 1.0 forbids.
 */
import type { Channel } from '../../channels/channel.ts';
import { regionLabel, TOPICS } from '../../channels/vocabulary.ts';
import type { Headline } from '../../protocol/headline.ts';

export interface FeedCategory {
  /** The slug (`politics`, `az`): stable, for machines. */
  readonly term: string;
  /** The IPTC topic label or the region name, for people. */
  readonly label: string;
}

export interface FeedEntry {
  readonly id: string;
  readonly title: string;
  readonly url?: string;
  readonly summary?: string;
  /** Absent for an unnamed source (published through the API by a key not named for readers). */
  readonly sourceName?: string;
  readonly publishedAt: Date;
  readonly updatedAt: Date;
  readonly categories: readonly FeedCategory[];
}

export interface FeedDocument {
  readonly title: string;
  readonly description: string;
  /** The service's public origin (`PUBLIC_URL`). */
  readonly siteUrl: string;
  readonly selfUrl: string;
  readonly hubUrl: string;
  /** The newest entry's update time; the feed's own `updated` / `Last-Modified`. */
  readonly updatedAt: Date;
  /** Newest first, as feed readers expect. */
  readonly entries: readonly FeedEntry[];
}

/** Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching the control characters XML forbids is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafeText(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

const topicLabels = new Map(TOPICS.map((topic) => [topic.slug, topic.label]));

function categoriesOf(headline: Headline): FeedCategory[] {
  const topics = headline.topics.map((slug) => ({ term: slug, label: topicLabels.get(slug) ?? slug }));
  const regions = headline.regions.map((slug) => ({ term: slug, label: regionLabel(slug) ?? slug }));
  return [...topics, ...regions];
}

function entryOf(headline: Headline): FeedEntry {
  const received = new Date(headline.receivedAt);
  const published = headline.publishedAt === null ? received : new Date(headline.publishedAt);
  const updated = headline.updatedAt === undefined ? received : new Date(headline.updatedAt);
  return {
    id: headline.id,
    title: xmlSafeText(headline.title),
    ...(headline.url === undefined ? {} : { url: headline.url }),
    ...(headline.summary === undefined ? {} : { summary: xmlSafeText(headline.summary) }),
    ...(headline.source.name === '' ? {} : { sourceName: xmlSafeText(headline.source.name) }),
    publishedAt: published,
    updatedAt: updated.getTime() > received.getTime() ? updated : received,
    categories: categoriesOf(headline),
  };
}

/** Words for a channel, as the dashboard's column titles: "Politics and government · Azerbaijan". */
export function channelTitle(channel: Channel): string {
  const topic = channel.topic === '*' ? 'All topics' : (topicLabels.get(channel.topic) ?? channel.topic);
  const region = channel.region === '*' ? 'all regions' : (regionLabel(channel.region) ?? channel.region);
  return `${topic} · ${region}`;
}

export interface FeedDocumentInput {
  readonly channel: Channel;
  /** Oldest first, as the reader returns them. */
  readonly headlines: readonly Headline[];
  readonly publicUrl: string;
  readonly path: string;
}

export function buildFeedDocument(input: FeedDocumentInput): FeedDocument {
  const entries = input.headlines.map(entryOf).reverse();
  const newest = entries.reduce((latest, entry) => Math.max(latest, entry.updatedAt.getTime()), 0);
  const title = channelTitle(input.channel);
  return {
    title: `News Ticker: ${title}`,
    description: `The latest headlines of ${title} (channel ${input.channel.name}).`,
    siteUrl: `${input.publicUrl}/`,
    selfUrl: `${input.publicUrl}${input.path}`,
    hubUrl: `${input.publicUrl}/websub`,
    // An empty feed still needs a date; the epoch says "nothing yet" without inventing one.
    updatedAt: new Date(newest),
    entries,
  };
}
