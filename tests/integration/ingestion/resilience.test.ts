/**
 * Faults with real processes: a worker killed mid-job, and Redis restarted between polls.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startHttpServer, withEtag, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { spawnService, startTestService, type ChildService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

function rss(items: { guid: string; title: string }[]): string {
  const entries = items.map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>https://example.com/${i.guid}</link><pubDate>Sun, 29 Nov 2026 04:00:00 GMT</pubDate></item>`);
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title><link>https://example.com/</link>${entries.join('')}</channel></rss>`;
}

let http: TestHttpServer;
let dir: string;
const children: ChildService[] = [];

beforeAll(async () => {
  http = await startHttpServer();
  dir = await mkdtemp(join(tmpdir(), 'nt-resilience-'));
});
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill('SIGKILL');
});
afterAll(async () => {
  await http.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a worker killed mid-job', () => {
  let redisServer: TestRedis;
  beforeAll(async () => {
    redisServer = await startTestRedis();
  });
  afterAll(async () => {
    await redisServer.cleanup();
  });

  it('has its job run again by another worker, and each headline is stored once', async () => {
    const held: ServerResponse[] = [];
    const body = rss([
      { guid: 'k1', title: 'First story' },
      { guid: 'k2', title: 'Second story' },
      { guid: 'k3', title: 'Third story' },
    ]);
    let requests = 0;
    http.route('/held', (_req, res) => {
      requests += 1;
      if (requests === 1) held.push(res); // the first worker hangs here until it is killed
      else res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(body);
    });
    const sourcesFile = join(dir, 'held.json');
    await writeFile(sourcesFile, JSON.stringify([{ id: 'held', name: 'Held', type: 'feed', url: `${http.url}/held`, intervalSeconds: 3600 }]));
    const env = { REDIS_URL: redisServer.url, ROLE: 'worker', PORT: '0', SOURCES_FILE: sourcesFile, WORKER_LOCK_MS: '2000' };

    const first = await spawnService(env);
    children.push(first);
    await waitFor(() => (requests >= 1 ? true : undefined), { timeoutMs: 15_000, what: 'the first worker to fetch' });
    await first.kill('SIGKILL');

    const second = await spawnService(env);
    children.push(second);
    const redis = new Redis(redisServer.url);
    try {
      await waitFor(async () => ((await redis.xlen(keys.allStream)) >= 3 ? true : undefined), { timeoutMs: 20_000, what: 'the stalled job to be re-run' });
      expect(requests).toBe(2);
      expect(await redis.xlen(keys.allStream)).toBe(3);
    } finally {
      redis.disconnect();
      for (const res of held) res.destroy();
    }
  });
});

describe('Redis restarted between polls', () => {
  let redisServer: TestRedis;
  let service: RunningService;
  beforeAll(async () => {
    redisServer = await startTestRedis({ aof: true });
  });
  afterAll(async () => {
    await service.stop();
    await redisServer.cleanup();
  });

  it('loses nothing stored, and the service reconnects by itself', async () => {
    http.route('/restart', withEtag(rss([{ guid: 'r1', title: 'Before restart one' }, { guid: 'r2', title: 'Before restart two' }]), 'application/rss+xml', '"a"'));
    service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'all' }, [{ id: 'restart', name: 'Restart', type: 'feed', url: `${http.url}/restart`, intervalSeconds: 10 }]);
    const redis = new Redis(redisServer.url, { retryStrategy: () => 100 });
    redis.on('error', () => undefined); // this test client sees the restart too; the service is what is checked
    try {
      await waitFor(async () => ((await redis.xlen(keys.allStream)) === 2 ? true : undefined), { timeoutMs: 15_000, what: 'the first poll' });
      const before = await redis.xrange(keys.allStream, '-', '+');

      await redisServer.restart();
      http.route('/restart', withEtag(rss([{ guid: 'r3', title: 'After restart' }, { guid: 'r1', title: 'Before restart one' }, { guid: 'r2', title: 'Before restart two' }]), 'application/rss+xml', '"b"'));

      await waitFor(async () => ((await redis.xlen(keys.allStream)) === 3 ? true : undefined), { timeoutMs: 30_000, what: 'the poll after the restart' });
      const after = await redis.xrange(keys.allStream, '-', '+');
      expect(after.slice(0, 2)).toEqual(before);
      expect((await fetch(`${service.url}/readyz`)).status).toBe(200);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
