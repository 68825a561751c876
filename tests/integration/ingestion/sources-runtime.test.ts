/**
 * Sources changed through the API reach two worker processes without a restart: an added source
 * is polled within 5 s plus its interval, a deleted one is polled no more, a paused one not until
 * it is resumed, and "poll now" polls at once. Real Redis, a gateway over HTTP, two
 * `workers/poll-worker.ts` processes, and the feeds served by a local HTTP server.
 */
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { createPollQueue, type PollJobData } from '../../../src/ingestion/queue/poll-queue.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { logLines, spawnService, startTestService, TEST_EDITOR_KEY, type ChildService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const EMPTY_SOURCES = join(process.cwd(), 'tests/fixtures/sources/empty.json');
/** The contract: every worker applies a change within this long. */
const APPLY_MS = 5_000;
/** The shortest interval a source may have. */
const INTERVAL_S = 10;

let redisServer: TestRedis;
let redis: Redis;
let queue: Queue<PollJobData>;
let http: TestHttpServer;
let gateway: RunningService;
let workers: ChildService[] = [];

function rss(id: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${id}</title><link>https://example.com/</link>
    <item><title>First story of ${id} for the runtime sources test</title><link>https://example.com/${id}/1</link><guid>${id}-1</guid></item>
  </channel></rss>`;
}

/** How many times the feed at `/<id>.xml` was fetched so far. */
const polls = (id: string): number => http.requests.filter((request) => request.path === `/${id}.xml`).length;

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** Adds a feed source served by the test's HTTP server. */
async function addFeed(id: string, intervalSeconds = INTERVAL_S): Promise<void> {
  http.route(`/${id}.xml`, (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(rss(id)));
  const created = await api('POST', '/api/sources', { id, name: `Feed ${id}`, type: 'feed', url: `${http.url}/${id}.xml`, intervalSeconds });
  expect(created.status).toBe(201);
}

/** How many "sources: changes applied" lines of `worker` name `id`. */
function changesApplied(worker: ChildService, id: string): number {
  return logLines(worker.output(), /^sources: changes applied$/).filter((line) => (line.changed as string[] | undefined)?.includes(id) === true).length;
}

/** Runs `change` and waits for each worker to log that it applied it; answers the slowest worker's milliseconds. */
async function applyEverywhere(id: string, change: () => Promise<unknown>): Promise<number> {
  const before = workers.map((worker) => changesApplied(worker, id));
  const started = Date.now();
  await change();
  await Promise.all(workers.map((worker, index) => waitFor(() => changesApplied(worker, id) > (before[index] ?? 0), { timeoutMs: APPLY_MS * 2, what: `worker ${index + 1} to apply the change of ${id}:\n${worker.output()}` })));
  return Date.now() - started;
}

/** The poll queue holds no scheduler for `id` any more (within the 5 s bound, counted from when the workers applied the change). */
async function schedulerGone(id: string): Promise<void> {
  await waitFor(async () => ((await queue.getJobScheduler(id)) ?? undefined) === undefined, { timeoutMs: APPLY_MS, what: `the scheduler of ${id} to be removed` });
}

/** Waits until the always-on `clock` source was polled twice more: at least one whole interval has passed with both workers at work. */
async function twoMoreClockPolls(): Promise<void> {
  const clock = polls('clock');
  await waitFor(() => polls('clock') >= clock + 2, { timeoutMs: (INTERVAL_S * 2 + 10) * 1000, what: 'two more polls of the clock source' });
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  queue = createPollQueue(redis);
  http = await startHttpServer();
  const env = { REDIS_URL: redisServer.url, PORT: '0', SOURCES_FILE: EMPTY_SOURCES, LOG_LEVEL: process.env.WORKER_LOG_LEVEL ?? 'info' };
  [gateway, ...workers] = await Promise.all([
    startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway' }),
    spawnService(env, 60_000, 'workers/poll-worker.ts'),
    spawnService(env, 60_000, 'workers/poll-worker.ts'),
  ]);
  await Promise.all(workers.map((worker) => waitFor(async () => (await fetch(`${worker.url}/readyz`)).status === 200, { timeoutMs: 30_000, what: 'a worker to be ready' })));
  await addFeed('clock');
}, 120_000);
afterAll(async () => {
  if (process.env.WORKER_LOG_LEVEL !== undefined) for (const worker of workers) process.stdout.write(`\n==== worker\n${worker.output()}\n`);
  await Promise.all(workers.map((worker) => worker.kill('SIGTERM')));
  await gateway.stop();
  await queue.close();
  redis.disconnect();
  await http.close();
  await redisServer.cleanup();
});

describe('sources changed at runtime, two workers', () => {
  it('polls a source added through the API within 5 s plus its interval, and stores its headline', async () => {
    const started = Date.now();
    const applyMs = await applyEverywhere('added', () => addFeed('added'));
    expect(applyMs).toBeLessThan(APPLY_MS);
    await waitFor(() => polls('added') >= 1, { timeoutMs: APPLY_MS + INTERVAL_S * 1000, what: 'the first poll of the added source' });
    expect(Date.now() - started).toBeLessThan(APPLY_MS + INTERVAL_S * 1000);
    const stored = await waitFor(
      async () => {
        const { headlines } = (await (await fetch(`${gateway.url}/api/headlines?channel=*/*&limit=50`)).json()) as { headlines: { title: string; source: { id: string } }[] };
        return headlines.find((headline) => headline.source.id === 'added');
      },
      { what: 'the added source’s headline' },
    );
    expect(stored.title).toBe('First story of added for the runtime sources test');
  }, 60_000);

  // These two mostly wait (an interval of the clock source each), for different sources: side by side.
  it.concurrent('no longer polls a deleted source', async ({ expect }) => {
    await addFeed('deleted');
    await waitFor(() => polls('deleted') >= 1, { timeoutMs: APPLY_MS + INTERVAL_S * 1000, what: 'the first poll of the source to delete' });
    expect(await applyEverywhere('deleted', () => api('DELETE', '/api/sources/deleted'))).toBeLessThan(APPLY_MS);
    await schedulerGone('deleted');
    const seen = polls('deleted');
    await twoMoreClockPolls();
    expect(polls('deleted')).toBe(seen);
  }, 90_000);

  it.concurrent('does not poll a paused source until it is resumed, then polls it at once', async ({ expect }) => {
    await addFeed('paused');
    await waitFor(() => polls('paused') >= 1, { timeoutMs: APPLY_MS + INTERVAL_S * 1000, what: 'the first poll of the source to pause' });
    expect(await applyEverywhere('paused', () => api('PATCH', '/api/sources/paused', { paused: true }))).toBeLessThan(APPLY_MS);
    await schedulerGone('paused');
    const seen = polls('paused');
    await twoMoreClockPolls();
    expect(polls('paused')).toBe(seen);

    const resumed = Date.now();
    expect((await api('PATCH', '/api/sources/paused', { paused: false })).status).toBe(200);
    await waitFor(() => polls('paused') > seen, { timeoutMs: APPLY_MS, what: 'a poll of the resumed source' });
    expect(Date.now() - resumed).toBeLessThan(APPLY_MS);
  }, 90_000);

  it('polls a source now when asked, also while it is paused', async () => {
    await addFeed('manual', 3_600);
    await waitFor(() => polls('manual') >= 1, { timeoutMs: APPLY_MS, what: 'the first poll of the new source' });
    for (const paused of [false, true]) {
      if (paused) await applyEverywhere('manual', () => api('PATCH', '/api/sources/manual', { paused: true }));
      const seen = polls('manual');
      const asked = Date.now();
      expect((await api('POST', '/api/sources/manual/poll')).status).toBe(202);
      await waitFor(() => polls('manual') > seen, { timeoutMs: APPLY_MS, what: `a poll now of the ${paused ? 'paused' : 'active'} source` });
      expect(Date.now() - asked).toBeLessThan(APPLY_MS);
    }
  }, 60_000);
});
