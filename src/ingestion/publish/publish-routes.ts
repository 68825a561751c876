/**
 * POST /api/headlines: authenticated publishing. The whole body is validated before
 * anything is stored, and the batch is stored in one transaction: a rejected request
 * changes nothing.
 */
import express, { Router } from 'express';
import { rateLimit, type HttpLimiters } from '../../app/http/rate-limit.ts';
import { keyAllowsSource, type ApiKey } from '../../config/api-keys.ts';
import type { SourceCatalog } from '../sources/source-catalog.ts';
import { normaliseItem, withTags, type PreparedHeadline } from '../../headlines/normalise.ts';
import { draftEvidence, type Tagger } from '../../headlines/tagging.ts';
import { AppError, NotReplicatedError, ValidationError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { STORE_BATCH, type HeadlineStore, type ReplicaWait } from '../../streams/store.ts';
import { keyOf, requireScope } from './api-key-auth.ts';
import { throttleFailedAuth } from './auth-throttle.ts';
import { fieldErrors, MAX_ITEMS_PER_REQUEST, publishBodySchema, type PublishItem } from './publish-schema.ts';
import { UNNAMED_PUBLISH_SOURCE, type HeadlineSource } from '../../protocol/headline.ts';

const PUBLISH_BODY_LIMIT = '256kb';

/**
 * A publish request is all or nothing because its headlines go to the store in one atomic
 * script call; that holds only while a request fits one call. Checked when this module loads.
 */
export function assertRequestFitsOneStoreCall(maxItemsPerRequest: number, storeBatch: number): void {
  if (maxItemsPerRequest > storeBatch) {
    throw new Error(`MAX_ITEMS_PER_REQUEST (${maxItemsPerRequest}) exceeds STORE_BATCH (${storeBatch}): a publish request would no longer be stored atomically`);
  }
}
assertRequestFitsOneStoreCall(MAX_ITEMS_PER_REQUEST, STORE_BATCH);

/**
 * The source of a headline published without one: the API's own id (for source limits,
 * de-duplication and metrics), named after the key that published it, or unnamed (an empty
 * name, which readers' screens and feeds leave out) for a key whose name is not for readers.
 * Never the "Publish API" placeholder older versions stored.
 */
function unnamedSource(key: ApiKey): HeadlineSource {
  return { id: UNNAMED_PUBLISH_SOURCE.id, name: key.publisherName ?? '' };
}

export interface PublishDeps {
  apiKeys: readonly ApiKey[];
  store: HeadlineStore;
  tag: Tagger;
  /** The sources as they now are (every process's live view): their ids are not every key's to publish under. */
  sources: Pick<SourceCatalog, 'get' | 'has' | 'whenLoaded'>;
  limiters: Pick<HttpLimiters, 'publish' | 'authFailures'>;
  logger: Logger;
  metrics: Metrics;
  /** PUBLISH_DURABILITY=replica: acknowledge only what a replica has too. */
  replicaWait?: ReplicaWait | undefined;
}

export function createPublishRouter(deps: PublishDeps): Router {
  const router = Router();
  const sources = deps.sources;

  const authenticate = throttleFailedAuth(deps.limiters.authFailures, deps.metrics, requireScope('publish', deps.apiKeys));
  const perKeyLimit = rateLimit({
    limiter: deps.limiters.publish,
    keyOf: (_req, res) => String(res.locals.apiKeyId),
    message: 'too many publish requests for this key; retry later',
    onLimited: () => deps.metrics.publishRequests.inc({ outcome: 'rate_limited' }),
  });

  router.post('/api/headlines', authenticate, perKeyLimit, express.json({ limit: PUBLISH_BODY_LIMIT, type: () => true }), async (req, res) => {
    const parsed = publishBodySchema.safeParse(req.body);
    if (!parsed.success) {
      deps.metrics.publishRequests.inc({ outcome: 'invalid' });
      throw new ValidationError('invalid headline(s); nothing was stored', fieldErrors(parsed.error));
    }
    // Until the first load, which source ids are configured is unknown: wait for it rather than guess.
    await sources.whenLoaded();
    const key = keyOf(res.locals);
    assertSourcesAllowed(key, parsed.data);
    const receivedAt = new Date();
    const prepared = parsed.data.map((item, index) => prepare(item, index, receivedAt, unnamedSource(key)));
    const results = await deps.store.storeMany(prepared, deps.replicaWait).catch((error: unknown) => {
      if (error instanceof NotReplicatedError) deps.metrics.publishRequests.inc({ outcome: 'not_replicated' });
      throw error;
    });
    for (const result of results) {
      const counter = result.duplicate ? deps.metrics.headlinesDuplicate : deps.metrics.headlinesStored;
      // A configured source's id, or the API's own: a publisher picks any id it likes, and a label per id would be unbounded.
      const id = result.headline.source.id;
      counter.inc({ source: sources.has(id) ? id : UNNAMED_PUBLISH_SOURCE.id });
    }
    deps.metrics.publishRequests.inc({ outcome: 'ok' });
    const stored = results.filter((r) => !r.duplicate).length;
    res.status(stored > 0 ? 201 : 200).json({ results: results.map((r) => ({ id: r.id, duplicate: r.duplicate, headline: r.headline, ...(r.changeId === undefined ? {} : { changeId: r.changeId }) })) });
  });

  /** The whole request is refused when one item's source id is not the key's to use. */
  function assertSourcesAllowed(key: ApiKey, items: readonly PublishItem[]): void {
    const refused = items.flatMap((item, index) => {
      const id = item.source?.id ?? UNNAMED_PUBLISH_SOURCE.id;
      return keyAllowsSource(key, id, sources) ? [] : [{ path: `${index}.source.id`, message: `the key "${key.name}" may not publish as "${id}"` }];
    });
    if (refused.length === 0) return;
    deps.metrics.publishRequests.inc({ outcome: 'forbidden' });
    throw new AppError('FORBIDDEN', `the key "${key.name}" may not publish under these source ids; nothing was stored`, { details: refused });
  }

  function prepare(item: PublishItem, index: number, receivedAt: Date, unnamed: HeadlineSource): PreparedHeadline {
    const source = item.source ?? unnamed;
    const configured = sources.get(source.id);
    const normalised = normaliseItem(
      { title: item.title, url: item.url ?? null, summary: item.summary ?? null, guid: item.guid ?? null, publishedAt: item.publishedAt ?? null, lang: item.lang ?? null },
      { source, receivedAt, ...(configured?.lang === undefined ? {} : { defaultLang: configured.lang }) },
    );
    if (!normalised.ok) throw new ValidationError('invalid headline(s); nothing was stored', [{ path: `${index}.title`, message: normalised.reason }]);
    const { draft } = normalised.headline;
    const tags = deps.tag({
      ...draftEvidence(draft),
      ...(item.topics === undefined ? {} : { explicitTopics: item.topics }),
      ...(item.regions === undefined ? {} : { explicitRegions: item.regions }),
      ...(configured === undefined ? {} : { sourceTopics: configured.topics, sourceRegions: configured.regions }),
    });
    const tagged = withTags(normalised.headline, tags);
    return item.priority === undefined ? tagged : { ...tagged, draft: { ...tagged.draft, priority: item.priority } };
  }

  return router;
}
