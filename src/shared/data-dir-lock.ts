/**
 * One service per private Redis data folder: two redis-server processes appending to one AOF
 * corrupt it. The lock is a file in REDIS_DATA_DIR holding the owner's pid and, once its Redis
 * runs, that Redis's URL, so a refused second start can say how to share it. A lock whose pid
 * is gone (a crash) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from './errors.ts';
import type { Logger } from './logger.ts';

export const LOCK_FILE = 'news-ticker.lock';

interface LockContent {
  pid: number;
  redisUrl?: string;
}

export interface DataDirLock {
  /** Records the URL of the Redis this process runs on the folder (for a refused second start). */
  record(redisUrl: string): void;
  /** Removes the lock; synchronous, so it completes even when shutdown is abandoning work. */
  release(): void;
}

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false; // kill(0) would signal our own group
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockContent | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, ...(typeof parsed.redisUrl === 'string' ? { redisUrl: parsed.redisUrl } : {}) } : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return { pid: 0 }; // unreadable or half-written: treated as stale
  }
}

function refusal(dir: string, owner: LockContent): AppError {
  const share = owner.redisUrl === undefined ? 'REDIS_URL=redis://127.0.0.1:<port in its log>' : `REDIS_URL=${owner.redisUrl}`;
  return new AppError(
    'DATA_DIR_LOCKED',
    `another news-ticker (pid ${owner.pid}) already runs the private Redis in ${dir}: ` +
      `to share it start this one with ${share}, or give it its own folder with REDIS_DATA_DIR=<another folder>`,
  );
}

/** Takes the lock in `dir` (created if missing), or throws DATA_DIR_LOCKED naming the ways out. */
export function acquireDataDirLock(dir: string, logger: Logger): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const write = (content: LockContent, flag: 'wx' | 'w'): void => writeFileSync(path, `${JSON.stringify(content)}\n`, { flag });
  for (let attempt = 0; ; attempt += 1) {
    try {
      write({ pid: process.pid }, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readLock(path) ?? { pid: 0 };
    // A second refusal means another start took the stale lock between our two attempts.
    if ((owner.pid !== process.pid && isAlive(owner.pid)) || attempt > 0) throw refusal(dir, owner);
    logger.warn({ lock: path, stalePid: owner.pid }, 'taking over a stale lock left by a service that is no longer running');
    rmSync(path, { force: true });
  }
  return {
    record: (redisUrl) => write({ pid: process.pid, redisUrl }, 'w'),
    release: () => {
      if (readLock(path)?.pid === process.pid) unlinkSync(path);
    },
  };
}
