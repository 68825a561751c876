/**
 * Redis unreachable at start: HTTP listens anyway, /healthz answers 200 and /readyz 503 with
 * the reason, the log has one short line per logged retry (no stacks, spaced out with backoff),
 * and once Redis appears the service is ready and works: schedulers and the poll worker start,
 * and the gateway's live loop delivers.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Headline } from '../../../src/protocol/events.ts';
import { freePort, startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startHttpServer, withEtag, type TestHttpServer } from '../../helpers/http-server.ts';
import { logLines, spawnService, TEST_API_KEY, type ChildService } from '../../helpers/service.ts';
import { createClient, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';

let dir: string;
let http: TestHttpServer;
let redis: TestRedis | undefined;
let service: ChildService | undefined;
let client: TickerClient | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nt-redis-unreachable-'));
  http = await startHttpServer();
  http.route('/feed.xml', withEtag(await readFile('tests/fixtures/feeds/rss20-quirks.xml'), 'application/rss+xml'));
});
afterAll(async () => {
  client?.close();
  await service?.kill('SIGKILL');
  await redis?.cleanup();
  await http.close();
  await rm(dir, { recursive: true, force: true });
});

describe('Redis unreachable at start', () => {
  it('serves /healthz and a reasoned /readyz 503, logs sparse one-line retries, then works once Redis appears', async () => {
    const port = await freePort();
    const sources = join(dir, 'sources.json');
    await writeFile(sources, JSON.stringify([{ id: 'quirks', name: 'Quirks', type: 'feed', url: `${http.url}/feed.xml`, intervalSeconds: 60 }]));
    const started = Date.now();
    const running = await spawnService({ PORT: '0', ROLE: 'all', REDIS_URL: `redis://default:s3cret-pass@127.0.0.1:${port}`, SOURCES_FILE: sources });
    service = running;

    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${running.url}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).toMatch(new RegExp(`^starting: waiting for Redis at redis://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)$`));

    // Let a few retries pass: lines come at about 0, 1, 3, 7 s (the interval doubles).
    await running.waitForOutput(/redis unreachable at .* for [3-9] s/, 30_000);
    const output = running.output();
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(output.split('\n').filter((line) => line !== '' && !line.startsWith('{'))).toEqual([]); // no stacks
    expect(output).not.toContain('s3cret-pass');
    const retries = logLines(output, /^redis unreachable at redis:\/\/127\.0\.0\.1:\d+ for \d+ s \(connect ECONNREFUSED/);
    expect(retries.length).toBeGreaterThanOrEqual(2);
    expect(retries.length).toBeLessThanOrEqual(Math.ceil(Math.log2(elapsedSeconds + 1)) + 2);
    expect(retries.some((line) => (line.retriesNotLogged as number) > 0)).toBe(true);
    expect(logLines(output, /^request (errored|completed)$/)).toEqual([]); // probes of /readyz are not logged

    redis = await startTestRedis({ port });
    await waitFor(async () => ((await fetch(`${running.url}/readyz`)).status === 200 ? true : undefined), { timeoutMs: 20_000, what: 'ready once Redis appears' });
    expect(running.output()).toMatch(/redis reachable again at/);

    // The poll worker started: the source was scheduled and polled.
    await waitFor(
      async () => {
        const reply = (await (await fetch(`${running.url}/api/headlines?limit=1`)).json()) as { headlines: { source: { id: string } }[] };
        return reply.headlines[0]?.source.id === 'quirks' ? true : undefined;
      },
      { timeoutMs: 20_000, what: 'a headline polled from the source' },
    );
    // The gateway's live loop runs: a published headline reaches a Socket.IO subscriber live.
    client = createClient(running.url, { channels: ['*/*'], limit: 0 });
    const live = client;
    await waitFor(() => live.acks.length > 0, { what: 'subscribe ack' });
    const published = await fetch(`${running.url}/api/headlines`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Redis came back', url: 'https://example.com/redis-came-back', source: { id: 'ops', name: 'Ops' } }),
    });
    expect(published.status).toBe(201);
    await waitFor(() => live.received.some((headline: Headline) => headline.title === 'Redis came back'), { what: () => `received ${JSON.stringify(live.received.map((h) => h.title))}` });
  }, 90_000); // waits for retries 3+ s apart, then for Redis, a poll and a live delivery
});
