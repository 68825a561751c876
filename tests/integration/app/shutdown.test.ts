/**
 * A process told to stop exits within SHUTDOWN_TIMEOUT_MS, whatever is still running: a poll
 * of a source that never finishes its body, or a Redis that is already gone. Steps run in the
 * STOP_ORDER table's order (a clean stop is checked in startup.test.ts). Each case runs
 * `src/main.ts` as `npm start` does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../../src/shared/data-dir-lock.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis } from '../../helpers/redis-server.ts';
import { logLines, spawnService, STOP_STEPS, stopSteps, type ChildService } from '../../helpers/service.ts';
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
    // Every step ran once, in the STOP_ORDER table's order; the steps after the abandoned one
    // still ran (those past the deadline are started, not waited for).
    const steps = stopSteps(service.output());
    expect(steps.map((step) => step.split(':')[0])).toEqual(STOP_STEPS);
    expect(steps.filter((step) => step.startsWith('poll worker'))).toEqual([expect.stringMatching(/^poll worker: abandoned/)]);
    for (const done of [/^gateway: ok/, /^http server: ok/, /^data dir lock: ok/]) expect(steps.some((step) => done.test(step))).toBe(true);
    for (const pid of redisPids(service)) await waitFor(() => (isAlive(pid) ? undefined : true), { what: `redis-server ${pid} to exit` });
  }, 60_000); // a service start, a poll or a Redis death, then the stop, on a loaded machine

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
  }, 60_000); // a service start, a poll or a Redis death, then the stop, on a loaded machine

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
  }, 60_000); // a service start, a poll or a Redis death, then the stop, on a loaded machine
});
