/**
 * One poll of one source: conditional fetch, parse, normalise, tag and store each item.
 * One bad item skips that item; a failed fetch or parse is recorded on the source (and
 * counted and logged) and answered with a backoff, never by dropping the source.
 */
import { setImmediate } from 'node:timers/promises';
import type { SourceConfig } from '../../config/sources.ts';
import { normaliseItem, withTags, type PreparedHeadline } from '../../headlines/normalise.ts';
import type { Tagger } from '../../headlines/tagging.ts';
import { describeError, ValidationError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineStore } from '../../streams/store.ts';
import { fetchSource } from '../fetch/http-fetch.ts';
import type { ParserPool } from '../parse/parser-pool.ts';
import { backoffDelayMs, type SourceStateStore } from '../sources/source-state.ts';

const YIELD_EVERY_ITEMS = 10;

const USER_AGENT = 'NewsTicker/0.1 (+https://github.com/news-ticker/news-ticker; feed poller)';

export interface PollDeps {
  store: HeadlineStore;
  state: SourceStateStore;
  tag: Tagger;
  logger: Logger;
  metrics: Metrics;
  /** Parses fetched bodies off the event loop. */
  parser: Pick<ParserPool, 'parse'>;
  fetchLimits: { timeoutMs: number; maxBytes: number; allowPrivate: boolean | readonly string[] };
}

export type PollOutcome =
  | { kind: 'stored'; items: number; stored: number; duplicates: number; skipped: number; leftOut: number }
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
    const parsed = await deps.parser.parse({
      kind: source.type,
      body: fetched.body,
      baseUrl: fetched.finalUrl,
      timezone: source.timezone,
      maxItems: source.maxItemsPerPoll,
      ...(fetched.contentType === undefined ? {} : { contentType: fetched.contentType }),
      ...(source.type === 'page' ? { extraction: source.extraction } : {}),
    });

    const receivedAt = new Date();
    let skipped = parsed.skipped;
    const prepared: PreparedHeadline[] = [];
    const { leftOut } = parsed;
    // Oldest first, already cut to the newest maxItemsPerPoll (see parse-task.ts).
    for (const [index, item] of parsed.items.entries()) {
      // Normalising and classifying a full poll takes tens of milliseconds; handing the event
      // loop back every few items keeps HTTP, Socket.IO and SSE answering meanwhile.
      if (index > 0 && index % YIELD_EVERY_ITEMS === 0) await setImmediate();
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
      try {
        prepared.push(withTags(normalised.headline, tags));
      } catch (error) {
        // One item that cannot be bounded is skipped (and counted), not the whole poll.
        if (!(error instanceof ValidationError)) throw error;
        skipped += 1;
      }
    }
    // One store call for the whole poll: one round trip, and in storage order.
    const results = await deps.store.storeMany(prepared);
    const duplicates = results.filter((result) => result.duplicate).length;
    const stored = results.length - duplicates;
    if (stored > 0) deps.metrics.headlinesStored.inc({ source: source.id }, stored);
    if (duplicates > 0) deps.metrics.headlinesDuplicate.inc({ source: source.id }, duplicates);
    if (skipped > 0) deps.metrics.itemsSkipped.inc({ source: source.id }, skipped);
    await deps.state.recordSuccess(source.id, { at: new Date(), notModified: false, itemsStored: stored, itemsLeftOut: leftOut, etag: fetched.etag, lastModified: fetched.lastModified });
    log.debug({ items: parsed.found, stored, duplicates, skipped, leftOut }, 'source polled');
    return { kind: 'stored', items: parsed.found, stored, duplicates, skipped, leftOut };
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
