/**
 * The WebSub hub for our own feeds, wired per role: gateways take subscription requests
 * (POST /websub); workers verify, dispatch and deliver. Everything shared lives in Redis.
 */
import type { Queue } from 'bullmq';
import type { Router } from 'express';
import type { Config } from '../../config/env.ts';
import { renderChannelFeed } from '../../feeds/out/feed-routes.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { OutboundPolicy } from '../outbound-request.ts';
import { DeliveryDispatcher } from './delivery-dispatcher.ts';
import type { HubJobData, HubRetryPolicy } from './hub-queue.ts';
import { createHubRouter } from './hub-routes.ts';
import { startHubWorker, type HubWorker } from './hub-worker.ts';
import { SubscriptionStore } from './subscription-store.ts';
import type { RedisClient } from '../../shared/redis.ts';

export const HUB_USER_AGENT = 'NewsTicker/0.1 (WebSub hub)';
/** Callbacks get a shorter deadline than sources: a subscriber only has to say 2xx. */
const CALLBACK_TIMEOUT_MS = 10_000;

function retryPolicy(config: Config): HubRetryPolicy {
  return { deliveryAttempts: config.WEBSUB_DELIVERY_ATTEMPTS, retryDelayMs: config.WEBSUB_RETRY_DELAY_MS };
}

export function outboundPolicy(config: Config, userAgent: string): OutboundPolicy {
  return { allowPrivate: config.ALLOW_PRIVATE_SOURCES, timeoutMs: Math.min(CALLBACK_TIMEOUT_MS, config.FETCH_TIMEOUT_MS), userAgent };
}

export interface HubGatewayDeps {
  config: Config;
  queue: Queue<HubJobData>;
  metrics: Metrics;
  publicUrl: () => string;
}

export function createHubRouterFor(deps: HubGatewayDeps): Router {
  return createHubRouter({
    queue: deps.queue,
    publicUrl: deps.publicUrl,
    lease: { defaultSeconds: deps.config.WEBSUB_LEASE_SECONDS, minSeconds: deps.config.WEBSUB_LEASE_MIN_SECONDS, maxSeconds: deps.config.WEBSUB_LEASE_MAX_SECONDS },
    retry: retryPolicy(deps.config),
    allowPrivate: deps.config.ALLOW_PRIVATE_SOURCES,
    metrics: deps.metrics,
  });
}

export interface HubWorkerDeps {
  config: Config;
  redis: RedisClient;
  /** Dedicated to the dispatcher's blocking XREADGROUP. */
  blockingRedis: RedisClient;
  bullRedis: RedisClient;
  queue: Queue<HubJobData>;
  reader: HeadlineReader;
  publicUrl: () => string;
  logger: Logger;
  metrics: Metrics;
  consumer: string;
  /** Errors of the hub's BullMQ clients, for the caller's outage-aware logging. */
  onError: (error: Error) => void;
}

export interface RunningHubWorker {
  worker: HubWorker;
  dispatcher: DeliveryDispatcher;
}

export function startHubWorkers(deps: HubWorkerDeps): RunningHubWorker {
  const subscriptions = new SubscriptionStore(deps.redis);
  const queue = deps.queue;
  const logger = deps.logger.child({ component: 'websub-hub' });
  const worker = startHubWorker(
    deps.bullRedis,
    {
      subscriptions,
      renderFeed: (request) => renderChannelFeed({ reader: deps.reader, publicUrl: deps.publicUrl }, request),
      outbound: outboundPolicy(deps.config, HUB_USER_AGENT),
      hubUrl: () => `${deps.publicUrl()}/websub`,
      metrics: deps.metrics,
      logger,
    },
    deps.config.WORKER_CONCURRENCY,
    deps.onError,
  );
  const dispatcher = new DeliveryDispatcher({ redis: deps.blockingRedis, queue, subscriptions, retry: retryPolicy(deps.config), consumer: deps.consumer, logger, metrics: deps.metrics });
  dispatcher.start();
  return { worker, dispatcher };
}
