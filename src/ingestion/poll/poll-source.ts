/**
 * One poll of one source: conditional fetch, parse, normalise, tag and store each item.
 * One bad item skips that item; a failed fetch or parse is recorded on the source (and
 * counted and logged) and answered with a backoff, never by dropping the source.
 */
import type { SourceConfig } from '../../config/sources.ts';
import type { RawItem } from '../../headlines/headline.ts';
import { normaliseItem, withTags, type PreparedHeadline } from '../../headlines/normalise.ts';
import type { Tagger } from '../../headlines/tagging.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineStore } from '../../streams/store.ts';
import { fetchSource } from '../fetch/http-fetch.ts';
import { parseFeed } from '../parse/feed.ts';
import { parsePage } from '../parse/page.ts';
import { backoffDelayMs, type SourceStateStore } from '../sources/source-state.ts';

const USER_AGENT = 'NewsTicker/0.1 (+https://github.com/news-ticker/news-ticker; feed poller)';

export interface PollDeps {
  store: HeadlineStore;
  state: SourceStateStore;
  tag: Tagger;
  logger: Logger;
  metrics: Metrics;
  fetchLimits: { timeoutMs: number; maxBytes: number; allowPrivate: boolean | readonly string[] };
}

export type PollOutcome =
  | { kind: 'stored'; items: number; stored: number; duplicates: number; skipped: number }
  | { kind: 'not-modified' }
  | { kind: 'backing-off'; until: string }
  | { kind: 'failed'; code: string; message: string; retryInMs: number };

export async function pollSource(deps: PollDeps, source: SourceConfig, options: { now?: Date; ignoreBackoff?: boolean } = {}): Promise<PollOutcome> {
  const startedAt = options.now ?? new Date();
  const previous = await deps.state.get(source.id);
  if (options.ignoreBackoff !== true && previous.nextAttemptAt !== null && Date.parse(previous.nextAttemptAt) > startedAt.getTime()) {
    return { kind: 'backing-off', until: previous.nextAttemptAt };
  }
  const log = deps.logger.child({ source: source.id });
  const timer = deps.metrics.fetchDuration.startTimer({ source: source.id });
  try {
    const fetched = await fetchSource({
      url: source.url,
      ...(previous.etag === null ? {} : { etag: previous.etag }),
      ...(previous.lastModified === null ? {} : { lastModified: previous.lastModified }),
      timeoutMs: deps.fetchLimits.timeoutMs,
      maxBytes: deps.fetchLimits.maxBytes,
      allowPrivate: deps.fetchLimits.allowPrivate,
      userAgent: USER_AGENT,
    });
    if (fetched.status === 'not-modified') {
      deps.metrics.fetchNotModified.inc({ source: source.id });
      await deps.state.recordSuccess(source.id, { at: new Date(), notModified: true, itemsStored: 0 });
      return { kind: 'not-modified' };
    }
    const parseOptions = { baseUrl: fetched.finalUrl, timezone: source.timezone, ...(fetched.contentType === undefined ? {} : { contentType: fetched.contentType }) };
    const document = source.type === 'feed' ? parseFeed(fetched.body, parseOptions) : parsePage(fetched.body, { ...parseOptions, extraction: source.extraction });

    const receivedAt = new Date();
    let skipped = document.skipped;
    const prepared: PreparedHeadline[] = [];
    for (const item of storageOrder(document.items)) {
      const normalised = normaliseItem(item, {
        source: { id: source.id, name: source.name },
        receivedAt,
        baseUrl: fetched.finalUrl,
        ...(source.lang === undefined ? {} : { defaultLang: source.lang }),
      });
      if (!normalised.ok) {
        skipped += 1;
        continue;
      }
      const { draft } = normalised.headline;
      const tags = deps.tag({
        title: draft.title,
        ...(draft.summary === undefined ? {} : { summary: draft.summary }),
        ...(draft.lang === undefined ? {} : { lang: draft.lang }),
        ...(draft.url === undefined ? {} : { url: draft.url }),
        ...(draft.categories === undefined ? {} : { categories: draft.categories }),
        sourceTopics: source.topics,
        sourceRegions: source.regions,
      });
      prepared.push(withTags(normalised.headline, tags));
    }
    // One store call for the whole poll: one round trip, and in storage order.
    const results = await deps.store.storeMany(prepared);
    const duplicates = results.filter((result) => result.duplicate).length;
    const stored = results.length - duplicates;
    if (stored > 0) deps.metrics.headlinesStored.inc({ source: source.id }, stored);
    if (duplicates > 0) deps.metrics.headlinesDuplicate.inc({ source: source.id }, duplicates);
    if (skipped > 0) deps.metrics.itemsSkipped.inc({ source: source.id }, skipped);
    await deps.state.recordSuccess(source.id, { at: new Date(), notModified: false, itemsStored: stored, etag: fetched.etag, lastModified: fetched.lastModified });
    log.debug({ items: document.items.length, stored, duplicates, skipped }, 'source polled');
    return { kind: 'stored', items: document.items.length, stored, duplicates, skipped };
  } catch (error) {
    const { code, message } = describeError(error);
    deps.metrics.fetchErrors.inc({ source: source.id, code });
    const failures = previous.consecutiveFailures + 1;
    const retryInMs = backoffDelayMs(failures);
    const at = new Date();
    await deps.state.recordFailure(source.id, { code, message, at, consecutiveFailures: failures, nextAttemptAt: new Date(at.getTime() + retryInMs) });
    log.warn({ code, err: message, consecutiveFailures: failures, retryInMs }, 'source poll failed');
    return { kind: 'failed', code, message, retryInMs };
  } finally {
    timer();
  }
}

/**
 * Oldest first, so stream ids follow publication order within one poll: by date when every
 * item has one, else reversed document order (feeds and listings put the newest first).
 */
function storageOrder(items: readonly RawItem[]): RawItem[] {
  const reversed = [...items].reverse();
  const times = reversed.map((item) => (item.publishedAt === null || item.publishedAt === undefined ? Number.NaN : new Date(item.publishedAt).getTime()));
  if (times.some((time) => Number.isNaN(time))) return reversed;
  return reversed.map((item, index) => ({ item, time: times[index] ?? 0 })).sort((a, b) => a.time - b.time).map((entry) => entry.item);
}
