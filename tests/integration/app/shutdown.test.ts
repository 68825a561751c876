/**
 * A process told to stop exits within SHUTDOWN_TIMEOUT_MS, whatever is still running: a poll
 * of a source that never finishes its body, or a Redis that is already gone. Steps run in the
 * STOP_ORDER table's order. Each case runs `src/main.ts` as `npm start` does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../src/shared/data-dir-lock.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis } from '../../helpers/redis-server.ts';
import { logLines, spawnService, type ChildService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const SHUTDOWN_TIMEOUT_MS = 2_000;
/**
 * The bound asserted on SIGTERM → exit: the 2 s deadline, plus process exit, on a shared
 * 2-core machine. Without the deadline these cases took 117 s (hung poll) and > 70 s (dead Redis).
 */
const EXIT_BOUND_MS = SHUTDOWN_TIMEOUT_MS + 6_000;
const EMPTY_SOURCES = join(process.cwd(), 'tests/fixtures/sources/empty.json');

let dir: string;
let http: TestHttpServer;
const running: ChildService[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nt-shutdown-'));
  http = await startHttpServer();
  // Headers and the start of a feed, then nothing: the poll stays in flight.
  http.route('/hung.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Hung</title>');
  });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((service) => service.kill('SIGKILL')));
});
afterAll(async () => {
  await http.close();
  await rm(dir, { recursive: true, force: true });
});

async function start(name: string, env: Record<string, string>): Promise<ChildService> {
  const service = await spawnService({ PORT: '0', REDIS_DATA_DIR: join(dir, name), SOURCES_FILE: EMPTY_SOURCES, SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), ...env });
  running.push(service);
  await waitFor(async () => ((await fetch(`${service.url}/readyz`)).status === 200 ? true : undefined), { timeoutMs: 20_000, what: 'ready' });
  return service;
}

async function stopTimed(service: ChildService): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  const code = await service.kill('SIGTERM');
  return { code, ms: Date.now() - started };
}

/** Pids of every private redis-server the service started (restarts included). */
function redisPids(service: ChildService): number[] {
  return logLines(service.output(), /(re)?started private redis-server child/).map((entry) => entry.redisPid as number);
}

function stepsOf(service: ChildService): string[] {
  const [report] = logLines(service.output(), /^shut down$/);
  return (report?.steps as string[] | undefined) ?? [];
}

describe('shutdown deadline', () => {
  it('exits within SHUTDOWN_TIMEOUT_MS with a poll of a source that never finishes its body', async () => {
    const sources = join(dir, 'hung-sources.json');
    await writeFile(sources, JSON.stringify([{ id: 'hung', name: 'Hung', type: 'feed', url: `${http.url}/hung.xml`, intervalSeconds: 60 }]));
    const service = await start('hung', { SOURCES_FILE: sources, FETCH_TIMEOUT_MS: '120000' });
    await waitFor(() => (http.requests.some((request) => request.path === '/hung.xml') ? true : undefined), { what: 'the poll of the hung source' });

    const { code, ms } = await stopTimed(service);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(EXIT_BOUND_MS);
    expect(service.output()).toMatch(/shutdown deadline reached: abandoned \\"poll worker\\"/);
    // The steps after the abandoned one still ran: the private Redis was stopped, the lock freed.
    expect(stepsOf(service)).toEqual(expect.arrayContaining([expect.stringMatching(/^poll worker: abandoned/), expect.stringMatching(/^redis-server child: /), expect.stringMatching(/^data dir lock: ok/)]));
    for (const pid of redisPids(service)) await waitFor(() => (isAlive(pid) ? undefined : true), { what: `redis-server ${pid} to exit` });
  });

  it('exits within SHUTDOWN_TIMEOUT_MS when the private Redis was killed just before', async () => {
    const service = await start('dead-private', {});
    const [pid] = redisPids(service);
    expect(pid).toBeDefined();
    process.kill(pid ?? 0, 'SIGKILL');
    await service.waitForOutput(/the private redis-server died/);

    const { code, ms } = await stopTimed(service);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(EXIT_BOUND_MS);
    for (const started of redisPids(service)) await waitFor(() => (isAlive(started) ? undefined : true), { what: `redis-server ${started} to exit` });
  });

  it('exits within SHUTDOWN_TIMEOUT_MS when an external Redis is gone', async () => {
    const redis = await startTestRedis();
    try {
      const service = await start('dead-external', { REDIS_URL: redis.url });
      await redis.stop();
      await service.waitForOutput(/redis unreachable at/);

      const { code, ms } = await stopTimed(service);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(EXIT_BOUND_MS);
    } finally {
      await redis.cleanup();
    }
  });
});

describe('shutdown order', () => {
  it('runs the steps in the STOP_ORDER table order, each once, all ok', async () => {
    const service = await start('order', {});
    expect(await service.kill('SIGTERM')).toBe(0);
    expect(stepsOf(service).map((step) => step.replace(/ \(\d+ ms\)$/, ''))).toEqual([
      'start-up: ok',
      'gateway: ok',
      'gateway redis: ok',
      'gateway redis: ok',
      'http server: ok',
      'poll worker: ok',
      'poll queue: ok',
      'bullmq redis: ok',
      'redis: ok',
      'redis-server child: ok',
      'data dir lock: ok',
    ]);
    // The Redis child stopped after every client had closed: none of them logged it going away.
    expect(service.output()).not.toMatch(/redis unreachable/);
  });
});
