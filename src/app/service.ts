/**
 * The composition root: creates every client once and hands each module what it needs.
 * `startService` runs the roles the configuration asks for (all, gateway, worker) and
 * returns a handle whose `stop` shuts down in STOP_ORDER within SHUTDOWN_TIMEOUT_MS.
 *
 * HTTP listens before anything waits for Redis: an unreachable Redis leaves `/healthz`
 * answering and `/readyz` saying why it is not ready, and the work that needs Redis
 * (schedulers, the poll worker) starts when Redis answers (see startup.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Queue } from 'bullmq';
import { redisTarget, type Config, type RedisTarget } from '../config/env.ts';
import type { ApiKey } from '../config/api-keys.ts';
import type { SourceConfig } from '../config/sources.ts';
import type { Tagger } from '../headlines/tagging.ts';
import { ParserPool } from '../ingestion/parse/parser-pool.ts';
import { SourceStateStore } from '../ingestion/sources/source-state.ts';
import { acquireDataDirLock } from '../shared/data-dir-lock.ts';
import { AppError, describeError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import { createMetrics, type Metrics } from '../shared/metrics.ts';
import { startRedisChild } from '../shared/redis-child.ts';
import { closeRedis, createRedis, describeRedisTarget, RedisOutageLog, type RedisClient } from '../shared/redis.ts';
import { HeadlineReader, type ReaderDeps } from '../streams/reader.ts';
import { HeadlineStore } from '../streams/store.ts';
import { ChangeStore } from '../streams/changes.ts';
import { createAuditLog } from '../editorial/audit.ts';
import { HeadlineEditor } from '../editorial/editor.ts';
import { createPollQueue, requestPollNow, type PollJobData } from '../ingestion/queue/poll-queue.ts';
import { SchedulerSync } from '../ingestion/queue/scheduler-sync.ts';
import { SourceAdmin } from '../ingestion/sources/source-admin.ts';
import { SourceCatalog } from '../ingestion/sources/source-catalog.ts';
import { SourceStore } from '../ingestion/sources/source-store.ts';
import { sourceUrlCheck } from '../ingestion/sources/source-url-guard.ts';
import { createPollWorker } from '../ingestion/queue/poll-worker.ts';
import { createGateway, type Gateway } from '../gateway/index.ts';
import { createHttpApp } from './http-app.ts';
import { wireWebSub } from './websub-wiring.ts';
import { PushStateStore } from '../websub/subscriber/push-state.ts';
import { startWhenRedisReady, type Startup } from './startup.ts';
import { runClosers, type Closer } from './stop-order.ts';
import { createHttpLimiters } from './http/rate-limit.ts';
import { tagHeadline as defaultTagger } from '../classification/index.ts';

export interface ServiceOptions {
  config: Config;
  /** The sources file: seeds the sources in Redis when they were never seeded (then the API changes them). */
  sources: readonly SourceConfig[];
  /** Every API key (loadApiKeys): PUBLISH_API_KEYS and API_KEYS_FILE. */
  apiKeys: readonly ApiKey[];
  logger: Logger;
  /** Overrides the tagger (the classifier by default). */
  tag?: Tagger;
  /** A failure the service cannot recover from (the private Redis keeps dying): the caller stops it. */
  onFatal?: (error: AppError) => void;
}

export interface RunningService {
  readonly port: number;
  readonly url: string;
  /** Where the clients connect (no credentials), as the logs say it. */
  readonly redisTarget: string;
  readonly metrics: Metrics;
  stop(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options;
  const closers: Closer[] = [];
  try {
    const redis = redisTarget(config) ?? { mode: 'standalone', url: await startPrivateRedis(options, closers) };
    return await startRoles({ ...options, redis, closers });
  } catch (error) {
    // A failed start (port in use, Redis refusing scripts...) must not leave a Redis child or
    // workers behind: close whatever was opened, in order, then report the cause.
    await runClosers(closers, logger, config.SHUTDOWN_TIMEOUT_MS);
    throw error;
  }
}

/** Without REDIS_URL: lock REDIS_DATA_DIR (one service per folder), then run redis-server on it. */
async function startPrivateRedis(options: ServiceOptions, closers: Closer[]): Promise<string> {
  const { config, logger } = options;
  const dir = resolve(config.REDIS_DATA_DIR);
  const lock = acquireDataDirLock(dir, logger);
  closers.push({ name: 'data dir lock', close: () => Promise.resolve(lock.release()) });
  const onGiveUp = options.onFatal ?? ((error: AppError) => logger.error({ code: error.code }, error.message));
  const child = await startRedisChild(dir, { logger, onGiveUp });
  closers.push({ name: 'redis-server child', close: () => child.stop() });
  lock.record(child.url);
  return child.url;
}

interface RolesContext extends ServiceOptions {
  redis: RedisTarget;
  closers: Closer[];
}

/**
 * On a Cluster, REST history and feeds read the replicas (at most their replication lag behind
 * the master: see the README); resumes, the live tail and WebSub deliveries keep reading the
 * master, so what a client is promised never depends on a replica. Each reader runs one scan
 * call at a time at READ_SCAN_RATE at most, so that is still what one gateway asks of each
 * Redis server (the master's time is kept for the live tail and the stores).
 */
function replicaReader(target: RedisTarget, outage: RedisOutageLog, closers: Closer[], deps: ReaderDeps): HeadlineReader | undefined {
  if (target.mode !== 'cluster') return undefined;
  const client = createRedis(target, 'history', outage);
  closers.push({ name: 'history redis', close: () => closeRedis(client) });
  return new HeadlineReader(client, deps);
}

/** Errors of a client's users (BullMQ, the sources): part of the outage while Redis is down, else worth a line each. */
function clientErrors(client: RedisClient, component: string, outage: RedisOutageLog, logger: Logger): (error: unknown) => void {
  return (error) => {
    if (client.status !== 'ready') outage.failed(component, error);
    else logger.warn({ component, err: describeError(error).message }, `${component} error`);
  };
}

async function startRoles(context: RolesContext): Promise<RunningService> {
  const { config, sources, logger, closers } = context;
  const redisAt = context.redis;
  const runsGateway = config.ROLE !== 'worker';
  const runsWorker = config.ROLE !== 'gateway';
  const target = describeRedisTarget(redisAt);
  const outage = new RedisOutageLog(target, logger);
  const redis = createRedis(redisAt, 'commands', outage);
  closers.push({ name: 'redis', close: () => closeRedis(redis) });
  const metrics = createMetrics({ defaultMetrics: true });
  const storeLimits = {
    allStreamMaxLen: config.ALL_STREAM_MAXLEN,
    channelStreamMaxLen: config.CHANNEL_STREAM_MAXLEN,
    dedupeTtlSeconds: config.DEDUPE_TTL_DAYS * 86_400,
  };
  const store = new HeadlineStore(redis, storeLimits);
  const readerDeps = { logger, metrics, scanBudget: config.READ_SCAN_BUDGET, scanRate: config.READ_SCAN_RATE };
  const reader = new HeadlineReader(redis, readerDeps);
  // Only a gateway serves history and feeds; a worker opens no replica connections.
  const historyReader = (runsGateway ? replicaReader(redisAt, outage, closers, readerDeps) : undefined) ?? reader;
  const audit = createAuditLog(redis);
  const editor = new HeadlineEditor({
    changes: new ChangeStore(redis, storeLimits),
    audit,
    logger: logger.child({ module: 'editorial' }),
    metrics,
  });
  // A feed item back under its guid with another title or link becomes a correction.
  store.useSourceCorrector(editor);
  const sourceState = new SourceStateStore(redis);
  const pushState = new PushStateStore(redis);
  const sourceStore = new SourceStore(redis, { logger, metrics });
  const sourceCatalog = new SourceCatalog({
    store: sourceStore,
    subscriber: createRedis(redisAt, 'subscriber', outage),
    seed: sources,
    logger: logger.child({ component: 'sources' }),
    onError: clientErrors(redis, 'sources', outage, logger),
  });
  let schedulerSync: SchedulerSync | undefined; // workers only
  closers.push({
    name: 'sources',
    close: async () => {
      await schedulerSync?.stop();
      await sourceCatalog.stop();
    },
  });
  const tag = context.tag ?? defaultTagger;
  // Known once the server listens when PORT is 0 (tests); PUBLIC_URL, when set, always wins.
  let boundPort = config.PORT;
  const publicUrl = (): string => config.PUBLIC_URL ?? `http://localhost:${boundPort}`;
  let bullRedis: RedisClient | undefined;
  const bullConnection = (): RedisClient => {
    if (bullRedis === undefined) {
      const client = createRedis(redisAt, 'bullmq', outage);
      closers.push({ name: 'bullmq redis', close: () => closeRedis(client) });
      bullRedis = client;
    }
    return bullRedis;
  };
  // Workers take its jobs; gateways add "poll now" jobs to it.
  let pollQueue: Queue<PollJobData> | undefined;
  const pollQueueOf = (): Queue<PollJobData> => {
    if (pollQueue === undefined) {
      const queue = createPollQueue(bullConnection());
      queue.on('error', clientErrors(bullConnection(), 'poll queue', outage, logger));
      closers.push({ name: 'poll queue', close: () => queue.close() });
      pollQueue = queue;
    }
    return pollQueue;
  };

  // The gateway is built before the app (it provides routes) and attached once the server listens.
  let gateway: Gateway | undefined;
  if (runsGateway) {
    const blockingRedis = createRedis(redisAt, 'blocking', outage);
    const adapterRedis = createRedis(redisAt, 'adapter', outage);
    for (const client of [blockingRedis, adapterRedis]) closers.push({ name: 'gateway redis', close: () => Promise.resolve(client.disconnect()) });
    gateway = createGateway({ config, logger, metrics, reader, historyReader, blockingRedis, adapterRedis });
  }

  // One parser pool per process, made on first use: workers parse polls, gateways parse pushes.
  // A thread per concurrent poll, up to one per core (more only add start-up CPU); the time
  // budget counts from when a thread starts a parse, so one waiting for a thread is not cut short.
  let parserPool: ParserPool | undefined;
  const parser = (): ParserPool => {
    if (parserPool === undefined) {
      const pool = new ParserPool({ threads: Math.min(config.WORKER_CONCURRENCY, availableParallelism()), timeBudgetMs: config.PARSE_TIMEOUT_MS });
      closers.push({ name: 'parser pool', close: () => pool.close() });
      parserPool = pool;
    }
    return parserPool;
  };
  const websub = wireWebSub(
    {
      config,
      sources: sourceCatalog,
      redis,
      bullRedis: bullConnection(),
      blockingRedis: () => createRedis(redisAt, 'blocking', outage),
      reader,
      pushState,
      ingest: () => ({ store, tag, metrics, parser: parser() }),
      publicUrl,
      logger,
      metrics,
      onError: (component) => clientErrors(bullConnection(), component, outage, logger),
      closers,
    },
    { gateway: runsGateway, worker: runsWorker },
  );
  const sourceAdmin = new SourceAdmin({
    store: sourceStore,
    audit,
    requestPoll: (id) => requestPollNow(pollQueueOf(), id),
    checkUrl: sourceUrlCheck(config.ALLOW_PRIVATE_SOURCES),
    sourceDeleted: (id) => websub.gateway?.deletedSources.sourceDeleted(id) ?? Promise.resolve(),
  });
  const startup: { current?: Startup } = {}; // begins once the server listens
  const app = createHttpApp({
    config,
    logger,
    metrics,
    redis,
    roles: { gateway: runsGateway },
    store,
    historyReader,
    editor,
    sourceState,
    pushState,
    sourceStore,
    sourceCatalog,
    sourceAdmin,
    apiKeys: context.apiKeys,
    audit,
    tag,
    limiters: createHttpLimiters(redis, config),
    readiness: { notReadyReason: () => (startup.current === undefined ? 'starting' : startup.current.notReadyReason()) },
    gatewayRouter: gateway?.router,
    hubRouter: websub.gateway?.hubRouter,
    callbackRouter: websub.gateway?.callbackRouter,
    publicUrl,
  });
  const server: Server = createServer(app);
  closers.push({ name: 'http server', close: () => closeServer(server) });
  await listen(server, config);
  boundPort = (server.address() as AddressInfo).port;
  if (gateway !== undefined) {
    const running = gateway;
    running.attach(server); // Socket.IO shares the HTTP server with express
    closers.push({ name: 'gateway', close: () => running.close() });
  }

  let startWorker = (): void => undefined;
  if (runsWorker) {
    const bullRedis = bullConnection();
    const onError = clientErrors(bullRedis, 'poll worker', outage, logger);
    const queue = pollQueueOf();
    const worker = createPollWorker({
      connection: bullRedis,
      queue,
      sources: sourceStore,
      logger,
      onError,
      concurrency: config.WORKER_CONCURRENCY,
      lockDurationMs: config.WORKER_LOCK_MS,
      deps: {
        store,
        state: sourceState,
        tag,
        logger,
        metrics,
        parser: parser(),
        ...(websub.push === undefined ? {} : { push: websub.push }),
        fetchLimits: { timeoutMs: config.FETCH_TIMEOUT_MS, maxBytes: config.FETCH_MAX_BYTES, allowPrivate: config.ALLOW_PRIVATE_SOURCES },
      },
    });
    // close() lets in-flight jobs finish (or is abandoned at the shutdown deadline).
    closers.push({ name: 'poll worker', close: () => worker.close() });
    const sync = new SchedulerSync({ queue, store: sourceStore, redis, logger, onError: clientErrors(redis, 'poll schedulers', outage, logger) });
    // Each change of the sources, wherever it was made, reaches this worker's schedulers.
    sourceCatalog.onChange(() => void sync.request());
    schedulerSync = sync;
    startWorker = () => {
      sync.start();
      worker.run().catch(onError);
    };
  }
  const work = async (signal: AbortSignal): Promise<void> => {
    await sourceCatalog.start();
    // The catalog's first load announced the sources to onChange, which asked for the first
    // reconcile; waiting for it (not asking again) keeps start-up at one reconcile.
    await schedulerSync?.idle();
    if (!signal.aborted) startWorker();
  };
  const ready = startWhenRedisReady({ redis, outage, target, logger, work });
  startup.current = ready;
  closers.push({ name: 'start-up', close: () => Promise.resolve(ready.stop()) });

  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logStartup(context, url, target);

  let stopping: Promise<void> | undefined;
  return {
    port,
    url,
    redisTarget: target,
    metrics,
    stop: () => {
      stopping ??= (async () => {
        const report = await runClosers(closers, logger, config.SHUTDOWN_TIMEOUT_MS);
        logger.info({ steps: report.steps.map(({ step, outcome, ms }) => `${step}: ${outcome} (${ms} ms)`) }, 'shut down');
      })();
      return stopping;
    },
  };
}

/** What runs where, in one line: role, address, Redis (no credentials), sources, publishing. */
function logStartup(context: RolesContext, url: string, target: string): void {
  const { config, sources, logger } = context;
  const redis = redisTarget(config) === undefined ? `${target} (private redis-server, data in ${config.REDIS_DATA_DIR})` : target;
  const keys = context.apiKeys.filter((key) => key.scopes.has('publish')).length;
  const publishing = keys > 0 ? `enabled (${keys} key(s))` : 'disabled: set PUBLISH_API_KEYS or API_KEYS_FILE to enable POST /api/headlines';
  logger.info(
    { url, role: config.ROLE, redis, sources: sources.length, publishing },
    `news-ticker listening on ${url}: role ${config.ROLE}, redis ${redis}, ${sources.length} source(s), publishing ${keys > 0 ? 'enabled' : 'disabled'}`,
  );
}

/** Listens on PORT/HOST; a refusal becomes one line naming the setting to change. */
function listen(server: Server, config: Config): Promise<void> {
  return new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `port ${config.PORT} on ${config.HOST} (PORT=${config.PORT}, HOST=${config.HOST})`;
      const advice: Record<string, string> = {
        EADDRINUSE: `${where} is already in use: stop what is listening there, or set PORT to a free port`,
        EACCES: `${where} needs privileges this process does not have: set PORT to 1024 or above`,
        EADDRNOTAVAIL: `${where}: HOST is not an address of this machine; set HOST to one of its addresses, or 0.0.0.0`,
      };
      const message = error.code === undefined ? undefined : advice[error.code];
      reject(message === undefined ? error : new AppError('CANNOT_LISTEN', message, { cause: error }));
    });
    server.listen(config.PORT, config.HOST, () => resolveListen());
  });
}

function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve(); // start-up failed before listen
  return new Promise((closed, reject) => {
    server.close((error) => (error === undefined ? closed() : reject(error)));
    server.closeIdleConnections();
  });
}
