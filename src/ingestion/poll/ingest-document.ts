/**
 * A fetched or pushed document into stored headlines: parse (off the event loop), normalise,
 * tag and store, in one store call. Polling and WebSub pushes both come through here, so a
 * pushed item is treated exactly as a polled one (same caps, de-duplication and corrections).
 */
import { setImmediate } from 'node:timers/promises';
import type { SourceConfig } from '../../config/sources.ts';
import { normaliseItem, withTags, type PreparedHeadline } from '../../headlines/normalise.ts';
import { ValidationError } from '../../shared/errors.ts';
import type { FeedLinks } from '../parse/types.ts';
import { draftEvidence, type Tagger } from '../../headlines/tagging.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineStore } from '../../streams/store.ts';
import type { ParserPool } from '../parse/parser-pool.ts';

export interface IngestDeps {
  store: HeadlineStore;
  tag: Tagger;
  metrics: Metrics;
  /** Parses fetched bodies off the event loop. */
  parser: Pick<ParserPool, 'parse'>;
}

const YIELD_EVERY_ITEMS = 10;

export interface FetchedDocument {
  body: Buffer;
  /** The URL the document came from (after redirects): the base for relative links. */
  finalUrl: string;
  contentType?: string | undefined;
}

export interface IngestResult {
  found: number;
  stored: number;
  duplicates: number;
  skipped: number;
  leftOut: number;
  links?: FeedLinks;
}

export async function ingestDocument(deps: IngestDeps, source: SourceConfig, fetched: FetchedDocument): Promise<IngestResult> {
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
      ...draftEvidence(draft),
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
  return { found: parsed.found, stored, duplicates, skipped, leftOut, ...(parsed.links === undefined ? {} : { links: parsed.links }) };
}
