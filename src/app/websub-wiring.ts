/**
 * WebSub in the composition root, per role: the hub (gateways take subscription requests,
 * workers verify and deliver) and the subscriber for our sources (gateways take the hubs'
 * verifications and pushes, workers subscribe, renew and unsubscribe).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Router } from 'express';
import type { Config } from '../config/env.ts';
import type { SourceCatalog } from '../ingestion/sources/source-catalog.ts';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from '../shared/metrics.ts';
import type { HeadlineReader } from '../streams/reader.ts';
import { ingestDocument, type IngestDeps } from '../ingestion/poll/ingest-document.ts';
import { createHubQueue } from '../websub/hub/hub-queue.ts';
import { createHubRouterFor, outboundPolicy, startHubWorkers } from '../websub/hub/index.ts';
import { createCallbackRouter } from '../websub/subscriber/callback-routes.ts';
import type { PushStateStore } from '../websub/subscriber/push-state.ts';
import { PushSubscriber } from '../websub/subscriber/push-subscriber.ts';
import { DeletedSourceUnsubscriber } from '../websub/subscriber/deleted-sources.ts';
import type { Closer } from './stop-order.ts';
import type { RedisClient } from '../shared/redis.ts';

const SUBSCRIBER_USER_AGENT = 'NewsTicker/0.1 (WebSub subscriber)';

export interface WebSubWiringDeps {
  config: Config;
  /** The sources as they now are (this process's live view). */
  sources: Pick<SourceCatalog, 'get' | 'all' | 'whenLoaded'>;
  redis: RedisClient;
  bullRedis: RedisClient;
  /** A new dedicated connection for the dispatcher's blocking read. */
  blockingRedis: () => RedisClient;
  reader: HeadlineReader;
  pushState: PushStateStore;
  ingest: () => IngestDeps;
  publicUrl: () => string;
  logger: Logger;
  metrics: Metrics;
  onError: (component: string) => (error: Error) => void;
  closers: Closer[];
}

export interface WebSubGatewayParts {
  hubRouter: Router;
  callbackRouter: Router;
  /** The sources API calls it on each delete: the source's hub is asked to stop pushing. */
  deletedSources: DeletedSourceUnsubscriber;
}

/** Both roles share the hub's queue: gateways add verifications, workers run them. */
export function wireWebSub(deps: WebSubWiringDeps, roles: { gateway: boolean; worker: boolean }): { gateway?: WebSubGatewayParts; push?: PushSubscriber } {
  const queue = createHubQueue(deps.bullRedis);
  queue.on('error', deps.onError('websub hub'));
  deps.closers.push({ name: 'websub queue', close: () => queue.close() });
  const result: { gateway?: WebSubGatewayParts; push?: PushSubscriber } = {};
  if (roles.gateway) {
    const deletedSources = new DeletedSourceUnsubscriber({
      pushState: deps.pushState,
      outbound: outboundPolicy(deps.config, SUBSCRIBER_USER_AGENT),
      publicUrl: deps.publicUrl,
      logger: deps.logger.child({ component: 'websub-subscriber' }),
      metrics: deps.metrics,
    });
    // Before the HTTP server closes: a request still running finishes, and the hub's verification finds us.
    deps.closers.push({ name: 'websub deleted sources', close: () => deletedSources.drain() });
    result.gateway = {
      hubRouter: createHubRouterFor({ config: deps.config, queue, metrics: deps.metrics, publicUrl: deps.publicUrl }),
      callbackRouter: createCallbackRouter({ pushState: deps.pushState, ingest: pushIngest(deps), maxBytes: deps.config.FETCH_MAX_BYTES, metrics: deps.metrics }),
      deletedSources,
    };
  }
  if (roles.worker) {
    const consumer = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const hub = startHubWorkers({ ...deps, blockingRedis: deps.blockingRedis(), queue, consumer, onError: deps.onError('websub worker') });
    const push = new PushSubscriber({
      pushState: deps.pushState,
      outbound: outboundPolicy(deps.config, SUBSCRIBER_USER_AGENT),
      publicUrl: deps.publicUrl,
      leaseSeconds: deps.config.WEBSUB_LEASE_SECONDS,
      logger: deps.logger.child({ component: 'websub-subscriber' }),
    });
    deps.closers.push(
      // Before the HTTP server closes: the hubs verify an unsubscribe by calling us back.
      { name: 'websub unsubscribe', close: () => push.unsubscribeAll(deps.sources.all().map((source) => source.id)) },
      { name: 'websub dispatcher', close: () => hub.dispatcher.stop() },
      { name: 'websub worker', close: () => hub.worker.close() },
    );
    result.push = push;
  }
  return result;
}

/** A verified push goes through the same parse → normalise → classify → store path as a poll. */
function pushIngest(deps: WebSubWiringDeps): (sourceId: string, content: { body: Buffer; contentType: string | undefined }) => Promise<void> {
  return async (sourceId, content) => {
    await deps.sources.whenLoaded();
    const source = deps.sources.get(sourceId);
    if (source === undefined) throw new AppError('NOT_FOUND', `no source ${sourceId}`);
    // Paused means nothing comes in from it: the push is acknowledged (the hub need not retry) and dropped.
    if (source.paused) {
      deps.logger.debug({ source: sourceId }, 'websub: push for a paused source dropped');
      return;
    }
    const state = await deps.pushState.get(sourceId);
    // Relative links in a pushed feed resolve against its topic URL, as they would when polled.
    await ingestDocument(deps.ingest(), source, { body: content.body, finalUrl: state?.topic ?? source.url, contentType: content.contentType });
  };
}
