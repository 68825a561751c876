/**
 * One poll of one source: conditional fetch, parse, normalise, tag and store each item.
 * One bad item skips that item; a failed fetch or parse is recorded on the source (and
 * counted and logged) and answered with a backoff, never by dropping the source.
 */
import type { SourceConfig } from '../../config/sources.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { fetchSource } from '../fetch/http-fetch.ts';
import { linkHeaderLinks } from '../parse/feed-links.ts';
import type { FeedLinks } from '../parse/types.ts';
import type { PushSubscriber } from '../../websub/subscriber/push-subscriber.ts';
import { ingestDocument, type IngestDeps } from './ingest-document.ts';
import { backoffDelayMs, type SourceStateStore } from '../sources/source-state.ts';

const USER_AGENT = 'NewsTicker/0.1 (+https://github.com/news-ticker/news-ticker; feed poller)';

export interface PollDeps extends IngestDeps {
  state: SourceStateStore;
  logger: Logger;
  /** WebSub: subscribes to the hub a feed names, and lets polling slow down while pushes are healthy. */
  push?: Pick<PushSubscriber, 'afterFetch' | 'maySkipPoll' | 'renewKnown'>;
  fetchLimits: { timeoutMs: number; maxBytes: number; allowPrivate: boolean | readonly string[] };
}

export type PollOutcome =
  | { kind: 'stored'; items: number; stored: number; duplicates: number; skipped: number; leftOut: number }
  | { kind: 'not-modified' }
  /** WebSub pushes are healthy and the stretched interval has not passed: no fetch. */
  | { kind: 'push-healthy' }
  | { kind: 'backing-off'; until: string }
  | { kind: 'failed'; code: string; message: string; retryInMs: number };

export async function pollSource(deps: PollDeps, source: SourceConfig, options: { now?: Date; ignoreBackoff?: boolean } = {}): Promise<PollOutcome> {
  const startedAt = options.now ?? new Date();
  const previous = await deps.state.get(source.id);
  if (options.ignoreBackoff !== true && previous.nextAttemptAt !== null && Date.parse(previous.nextAttemptAt) > startedAt.getTime()) {
    return { kind: 'backing-off', until: previous.nextAttemptAt };
  }
  if (options.ignoreBackoff !== true && (await deps.push?.maySkipPoll(source, previous.lastFetchAt, startedAt.getTime())) === true) {
    return { kind: 'push-healthy' };
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
      await deps.push?.renewKnown(source);
      return { kind: 'not-modified' };
    }
    const result = await ingestDocument(deps, source, fetched);
    const { stored, duplicates, skipped, leftOut } = result;
    await deps.state.recordSuccess(source.id, { at: new Date(), notModified: false, itemsStored: stored, itemsLeftOut: leftOut, etag: fetched.etag, lastModified: fetched.lastModified });
    await deps.push?.afterFetch(source, { hub: discoveredHub(result.links, fetched), self: linkHeaderLinks(fetched.link, fetched.finalUrl).self ?? result.links?.self ?? source.url });
    log.debug({ items: result.found, stored, duplicates, skipped, leftOut }, 'source polled');
    return { kind: 'stored', items: result.found, stored, duplicates, skipped, leftOut };
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

/** The hub a fetch names: the `Link` header wins over the document (W3C WebSub §4). */
function discoveredHub(links: FeedLinks | undefined, fetched: { link?: string; finalUrl: string }): string | undefined {
  return linkHeaderLinks(fetched.link, fetched.finalUrl).hub ?? links?.hub;
}
