/** A gateway on a private Redis whose API_KEYS_FILE holds the given entries (written to a temporary folder). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { RunningService } from '../../src/app/service.ts';
import { startTestRedis } from './redis-server.ts';
import { startTestService } from './service.ts';

export interface KeyedService {
  readonly service: RunningService;
  /** A client of the service's private Redis. */
  readonly redis: Redis;
  stop(): Promise<void>;
}

/** `env`: more settings for the service (ALLOW_PRIVATE_SOURCES...). */
export async function startKeyedService(keyEntries: unknown[], sources: unknown[] = [], env: Record<string, string> = {}): Promise<KeyedService> {
  const dir = await mkdtemp(join(tmpdir(), 'nt-keys-'));
  const file = join(dir, 'keys.json');
  await writeFile(file, JSON.stringify(keyEntries));
  const redisServer = await startTestRedis();
  const redis = new Redis(redisServer.url);
  const service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', API_KEYS_FILE: file, ...env }, sources);
  return {
    service,
    redis,
    stop: async () => {
      await service.stop();
      redis.disconnect();
      await redisServer.cleanup();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
