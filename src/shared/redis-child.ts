/**
 * A private redis-server child for `npm start` without REDIS_URL: AOF on, data under
 * REDIS_DATA_DIR, bound to loopback on a free port, stopped when the service stops.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';

export interface RedisChild {
  readonly url: string;
  stop(): Promise<void>;
}

const MISSING_MESSAGE =
  'REDIS_URL is not set and no redis-server binary was found. Either install Redis (Debian/Ubuntu: ' +
  '`apt-get install -y redis-server`, macOS: `brew install redis`), or set REDIS_URL=redis://host:6379 ' +
  'to use an existing Redis >= 7, or run everything with `docker compose up`.';

/** A free TCP port on loopback (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address !== null && typeof address === 'object' ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Waits until a Redis at `url` answers PING. `gaveUp` lets the caller stop early (the
 * process it started has exited) with its own message.
 */
export async function waitForRedis(url: string, options: { timeoutMs: number; gaveUp?: () => string | undefined }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const reason = options.gaveUp?.();
    if (reason !== undefined) throw new AppError('UNAVAILABLE', reason);
    const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    probe.on('error', () => undefined); // refusals are expected until it listens; the loop reports the last one
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return;
    } catch (error) {
      probe.disconnect();
      if (Date.now() > deadline) throw new AppError('UNAVAILABLE', `redis-server did not answer on ${url}`, { cause: error });
      await sleep(50);
    }
  }
}

export interface RedisChildOptions {
  logger: Logger;
  /** Called once when the child keeps dying and is not restarted again. */
  onGiveUp: (error: AppError) => void;
  /** Restarts allowed within `restartWindowMs` before giving up. */
  maxRestarts?: number;
  restartWindowMs?: number;
}

const START_TIMEOUT_MS = 15_000;

/** Exponential restart delay: 100 ms, 200 ms, 400 ms ... capped at 5 s. */
function restartDelay(restart: number): number {
  return Math.min(5_000, 100 * 2 ** (restart - 1));
}

/**
 * Starts redis-server on `dataDir` and keeps it running: a child that dies is logged at error
 * level and restarted on the same port and data (its AOF), so clients reconnect to the same URL.
 * More than `maxRestarts` deaths within `restartWindowMs` hand the failure to `onGiveUp`.
 */
export async function startRedisChild(dataDir: string, options: RedisChildOptions): Promise<RedisChild> {
  const { logger } = options;
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error !== undefined) {
    throw new AppError('REDIS_SERVER_MISSING', MISSING_MESSAGE);
  }
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'];
  const maxRestarts = options.maxRestarts ?? 5;
  const windowMs = options.restartWindowMs ?? 60_000;
  const restarts: number[] = [];
  let current: ChildProcess | undefined;
  let stopping = false;
  let started = false; // a child that dies during start-up fails the start; it is not restarted
  let pendingRestart: NodeJS.Timeout | undefined;

  const spawnChild = (): ChildProcess => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
    // Whatever way this process ends (a crash included), the child must not outlive it.
    const killOnExit = (): void => void child.kill('SIGTERM');
    process.once('exit', killOnExit);
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      if (current === child) current = undefined;
      if (stopping || !started) logger.info({ code, signal }, 'redis-server child exited');
      else onDeath(code, signal);
    });
    current = child;
    return child;
  };

  const onDeath = (code: number | null, signal: NodeJS.Signals | null): void => {
    const now = Date.now();
    while (restarts[0] !== undefined && restarts[0] < now - windowMs) restarts.shift();
    if (restarts.length >= maxRestarts) {
      const message = `the private redis-server (data in ${dir}) died ${restarts.length + 1} times within ${windowMs / 1000} s; not restarting it`;
      logger.error({ code, signal, dataDir: dir }, message);
      options.onGiveUp(new AppError('REDIS_CHILD_FAILED', message));
      return;
    }
    restarts.push(now);
    const delayMs = restartDelay(restarts.length);
    logger.error(
      { code, signal, dataDir: dir, restart: restarts.length, maxRestarts, delayMs },
      `the private redis-server died (${signal ?? `exit code ${code ?? '?'}`}); restarting it on its data in ${delayMs} ms`,
    );
    pendingRestart = setTimeout(() => void restart(), delayMs);
  };

  const restart = async (): Promise<void> => {
    pendingRestart = undefined;
    if (stopping) return;
    const child = spawnChild();
    try {
      await waitForRedis(url, { timeoutMs: START_TIMEOUT_MS, gaveUp: () => (stopping || child.exitCode !== null || child.signalCode !== null ? 'exited' : undefined) });
      logger.info({ url, redisPid: child.pid, dataDir: dir }, 'restarted private redis-server child');
    } catch {
      // A restart that exits early is reported by its own exit; one that hangs is killed and counted the same way.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };

  const first = spawnChild();
  try {
    await waitForRedis(url, {
      timeoutMs: START_TIMEOUT_MS,
      gaveUp: () => (first.exitCode !== null || first.signalCode !== null ? `redis-server exited during start-up (data dir ${dir})` : undefined),
    });
  } catch (error) {
    first.kill('SIGTERM');
    throw error;
  }
  started = true;
  logger.info({ url, redisPid: first.pid, dataDir: dir, aof: true }, 'started private redis-server child');
  return {
    url,
    stop: async () => {
      stopping = true;
      clearTimeout(pendingRestart);
      const child = current;
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const done = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM'); // redis-server flushes the AOF on SIGTERM
      await done;
    },
  };
}
