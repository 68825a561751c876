/**
 * The composition root: creates every client once and hands each module what it needs.
 * `startService` runs the roles the configuration asks for (all, gateway, worker) and
 * returns a handle whose `stop` shuts down in order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { Config } from '../config/env.ts';
import type { SourceConfig } from '../config/sources.ts';
import type { Tagger } from '../headlines/tagging.ts';
import type { PollOutcome } from '../ingestion/poll/poll-source.ts';
import { SourceStateStore } from '../ingestion/sources/source-state.ts';
import type { Logger } from '../shared/logger.ts';
import { createMetrics, type Metrics } from '../shared/metrics.ts';
import { startRedisChild, type RedisChild } from '../shared/redis-child.ts';
import { createRedis, describeRedisUrl } from '../shared/redis.ts';
import { HeadlineReader } from '../streams/reader.ts';
import { HeadlineStore } from '../streams/store.ts';
import { createPollQueue, syncSchedulers, type PollJobData } from '../../workers/poll-queue.ts';
import { createPollWorker } from '../../workers/poll-worker.ts';
import { createGateway, type Gateway } from '../gateway/index.ts';
import { createHttpApp } from './http-app.ts';
import { defaultTagger } from './tagger.ts';

export interface ServiceOptions {
  config: Config;
  sources: readonly SourceConfig[];
  logger: Logger;
  /** Overrides the tagger (the classifier by default). */
  tag?: Tagger;
}

export interface RunningService {
  readonly port: number;
  readonly url: string;
  readonly redisUrl: string;
  readonly metrics: Metrics;
  stop(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, sources, logger } = options;
  const runsGateway = config.ROLE !== 'worker';
  const runsWorker = config.ROLE !== 'gateway';
  const closers: { name: string; close: () => Promise<unknown> }[] = [];

  let child: RedisChild | undefined;
  if (config.REDIS_URL === undefined) child = await startRedisChild(config.REDIS_DATA_DIR, logger);
  const redisUrl = config.REDIS_URL ?? child?.url ?? '';
  logger.info({ redis: describeRedisUrl(redisUrl), private: child !== undefined }, 'using redis');

  const redis = createRedis(redisUrl, 'commands', logger);
  const metrics = createMetrics({ defaultMetrics: true });
  const store = new HeadlineStore(redis, {
    allStreamMaxLen: config.ALL_STREAM_MAXLEN,
    channelStreamMaxLen: config.CHANNEL_STREAM_MAXLEN,
    dedupeTtlSeconds: config.DEDUPE_TTL_DAYS * 86_400,
  });
  const reader = new HeadlineReader(redis);
  const sourceState = new SourceStateStore(redis);
  const tag = options.tag ?? defaultTagger;

  let queue: Queue<PollJobData> | undefined;
  let worker: Worker<PollJobData, PollOutcome> | undefined;
  let bullRedis: Redis | undefined;
  if (runsWorker) {
    bullRedis = createRedis(redisUrl, 'bullmq', logger);
    queue = createPollQueue(bullRedis);
    worker = createPollWorker({
      connection: bullRedis,
      queue,
      sources,
      logger,
      concurrency: config.WORKER_CONCURRENCY,
      lockDurationMs: config.WORKER_LOCK_MS,
      deps: {
        store,
        state: sourceState,
        tag,
        logger,
        metrics,
        fetchLimits: { timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_BYTES, allowPrivate: config.ALLOW_PRIVATE_SOURCES },
      },
    });
    await syncSchedulers(queue, sources, logger);
  }

  // GATEWAY: built before the app (it provides routes); attached to the HTTP server below.
  let gateway: Gateway | undefined;
  const gatewayRedis: Redis[] = [];
  if (runsGateway) {
    const blockingRedis = createRedis(redisUrl, 'blocking', logger);
    const adapterRedis = createRedis(redisUrl, 'commands', logger);
    gatewayRedis.push(blockingRedis, adapterRedis);
    gateway = createGateway({ config, logger, metrics, reader, blockingRedis, adapterRedis });
  }

  const app = createHttpApp({
    config,
    logger,
    metrics,
    redis,
    roles: { gateway: runsGateway },
    store,
    reader,
    sourceState,
    sources,
    tag,
    publishLimiter: new RateLimiterRedis({ storeClient: redis, keyPrefix: '{nt}:rl:publish', points: config.PUBLISH_RATE_PER_MINUTE, duration: 60 }),
    gatewayRouter: gateway?.router,
  });
  const server: Server = createServer(app);
  // GATEWAY: the Socket.IO gateway attaches to `server` here (issue 3).
  if (gateway !== undefined) {
    const running = gateway;
    running.attach(server);
    // First on stop: the live loop stops and clients are disconnected (they reconnect to
    // another instance and resume) before the HTTP server and Redis close.
    closers.push({ name: 'gateway', close: () => running.close() });
    for (const client of gatewayRedis) closers.push({ name: 'gateway redis', close: () => Promise.resolve(client.disconnect()) });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info(
    {
      url,
      role: config.ROLE,
      publishing: config.PUBLISH_API_KEYS.length > 0 ? `enabled (${config.PUBLISH_API_KEYS.length} key(s))` : 'disabled: set PUBLISH_API_KEYS to enable POST /api/headlines',
      sources: sources.length,
    },
    `news-ticker listening on ${url}`,
  );

  closers.push({ name: 'http server', close: () => closeServer(server) });
  if (worker !== undefined) {
    const running = worker;
    // close() waits for in-flight jobs; their locks are released so nothing waits for a stall.
    closers.push({ name: 'poll worker', close: () => running.close() });
  }
  if (queue !== undefined) {
    const q = queue;
    closers.push({ name: 'poll queue', close: () => q.close() });
  }
  if (bullRedis !== undefined) {
    const client = bullRedis;
    closers.push({ name: 'bullmq redis', close: () => client.quit() });
  }
  closers.push({ name: 'redis', close: () => redis.quit() });
  if (child !== undefined) {
    const redisChild = child;
    closers.push({ name: 'redis-server child', close: () => redisChild.stop() });
  }

  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    redisUrl,
    metrics,
    stop: () => {
      stopping ??= (async () => {
        for (const closer of closers) {
          try {
            await closer.close();
            logger.debug({ step: closer.name }, 'closed');
          } catch (error) {
            logger.warn({ step: closer.name, err: (error as Error).message }, 'error while shutting down; continuing');
          }
        }
        logger.info('shut down');
      })();
      return stopping;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeIdleConnections();
  });
}
