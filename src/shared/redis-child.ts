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

export async function startRedisChild(dataDir: string, logger: Logger): Promise<RedisChild> {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).error !== undefined) {
    throw new AppError('REDIS_SERVER_MISSING', MISSING_MESSAGE);
  }
  const dir = resolve(dataDir);
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'];
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  // Whatever way this process ends (a crash included), the child must not outlive it.
  const killOnExit = (): void => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);
  child.once('exit', (code, signal) => {
    exited = true;
    process.removeListener('exit', killOnExit);
    logger.info({ code, signal }, 'redis-server child exited');
  });

  await waitForRedis(url, { timeoutMs: 15_000, gaveUp: () => (exited ? `redis-server exited during start-up (data dir ${dir})` : undefined) });
  logger.info({ url, dataDir: dir, aof: true }, 'started private redis-server child');
  return {
    url,
    stop: async () => {
      if (exited) return;
      const done = new Promise((resolveExit) => child.once('exit', resolveExit));
      child.kill('SIGTERM'); // redis-server flushes the AOF on SIGTERM
      await done;
    },
  };
}
