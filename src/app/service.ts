/**
 * The composition root: creates every client once and hands each module what it needs.
 * `startService` runs the roles the configuration asks for (all, gateway, worker) and
 * returns a handle whose `stop` shuts down in order.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/env.ts';
import type { SourceConfig } from '../config/sources.ts';
import type { Tagger } from '../headlines/tagging.ts';
import { SourceStateStore } from '../ingestion/sources/source-state.ts';
import type { Logger } from '../shared/logger.ts';
import { createMetrics, type Metrics } from '../shared/metrics.ts';
import { startRedisChild, type RedisChild } from '../shared/redis-child.ts';
import { createRedis, describeRedisUrl } from '../shared/redis.ts';
import { HeadlineReader } from '../streams/reader.ts';
import { HeadlineStore } from '../streams/store.ts';
import { createPollQueue, syncSchedulers } from '../../workers/poll-queue.ts';
import { createPollWorker } from '../../workers/poll-worker.ts';
import { createGateway, type Gateway } from '../gateway/index.ts';
import { createHttpApp } from './http-app.ts';
import { createHttpLimiters } from './http/rate-limit.ts';
import { tagHeadline as defaultTagger } from '../classification/index.ts';

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
  const { config, logger } = options;
  const closers: Closer[] = [];

  let child: RedisChild | undefined;
  if (config.REDIS_URL === undefined) child = await startRedisChild(config.REDIS_DATA_DIR, logger);
  if (child !== undefined) {
    const redisChild = child;
    closers.push({ name: 'redis-server child', close: () => redisChild.stop() });
  }
  const redisUrl = config.REDIS_URL ?? child?.url ?? '';
  logger.info({ redis: describeRedisUrl(redisUrl), private: child !== undefined }, 'using redis');

  try {
    return await startRoles({ ...options, redisUrl, closers });
  } catch (error) {
    // A failed start (port in use, Redis refusing scripts...) must not leave a Redis child or
    // workers behind: close whatever was opened, in order, then report the cause.
    await runClosers(closers, logger);
    throw error;
  }
}

interface RolesContext extends ServiceOptions {
  redisUrl: string;
  closers: Closer[];
}

/** Shutdown steps run in ascending `order`, whatever order they were opened in. */
const STOP_ORDER = {
  gateway: 1, // stop the live loop, disconnect clients: they reconnect elsewhere and resume
  'gateway redis': 2,
  'http server': 3, // stop accepting
  'poll worker': 4, // in-flight jobs finish; their locks are released
  'poll queue': 5,
  'bullmq redis': 6,
  redis: 7,
  'redis-server child': 8,
} as const;

interface Closer {
  name: keyof typeof STOP_ORDER;
  close: () => Promise<unknown>;
}

async function startRoles(context: RolesContext): Promise<RunningService> {
  const { config, sources, logger, redisUrl, closers } = context;
  const runsGateway = config.ROLE !== 'worker';
  const runsWorker = config.ROLE !== 'gateway';
  const redis = createRedis(redisUrl, 'commands', logger);
  closers.push({ name: 'redis', close: () => redis.quit() });
  const metrics = createMetrics({ defaultMetrics: true });
  const store = new HeadlineStore(redis, {
    allStreamMaxLen: config.ALL_STREAM_MAXLEN,
    channelStreamMaxLen: config.CHANNEL_STREAM_MAXLEN,
    dedupeTtlSeconds: config.DEDUPE_TTL_DAYS * 86_400,
  });
  const reader = new HeadlineReader(redis);
  const sourceState = new SourceStateStore(redis);
  const tag = context.tag ?? defaultTagger;

  if (runsWorker) {
    const bullRedis = createRedis(redisUrl, 'bullmq', logger);
    closers.push({ name: 'bullmq redis', close: () => bullRedis.quit() });
    const queue = createPollQueue(bullRedis);
    closers.push({ name: 'poll queue', close: () => queue.close() });
    const worker = createPollWorker({
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
    // close() lets in-flight jobs finish; their locks are released so nothing waits for a stall.
    closers.push({ name: 'poll worker', close: () => worker.close() });
    await syncSchedulers(queue, sources, logger);
  }

  // The gateway is built before the app (it provides routes) and attached to the server below.
  let gateway: Gateway | undefined;
  if (runsGateway) {
    const blockingRedis = createRedis(redisUrl, 'blocking', logger);
    const adapterRedis = createRedis(redisUrl, 'commands', logger);
    for (const client of [blockingRedis, adapterRedis]) closers.push({ name: 'gateway redis', close: () => Promise.resolve(client.disconnect()) });
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
    limiters: createHttpLimiters(redis, config),
    gatewayRouter: gateway?.router,
  });
  const server: Server = createServer(app);
  // Socket.IO shares the HTTP server with express.
  closers.push({ name: 'http server', close: () => closeServer(server) });
  if (gateway !== undefined) {
    const running = gateway;
    running.attach(server);
    closers.push({ name: 'gateway', close: () => running.close() });
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


  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    redisUrl,
    metrics,
    stop: () => {
      stopping ??= (async () => {
        await runClosers(closers, logger);
        logger.info('shut down');
      })();
      return stopping;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve(); // start-up failed before listen
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeIdleConnections();
  });
}

/** Runs every closer in order; one failing step is logged and the rest still run. */
async function runClosers(closers: readonly Closer[], logger: Logger): Promise<void> {
  const ordered = [...closers].sort((a, b) => STOP_ORDER[a.name] - STOP_ORDER[b.name]);
  for (const closer of ordered) {
    try {
      await closer.close();
      logger.debug({ step: closer.name }, 'closed');
    } catch (error) {
      logger.warn({ step: closer.name, err: (error as Error).message }, 'error while shutting down; continuing');
    }
  }
}
