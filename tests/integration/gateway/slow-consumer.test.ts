/**
 * Slow consumers over the real wire: a client that stops reading at the TCP level is dropped
 * once its unsent output passes GATEWAY_MAX_BUFFERED_BYTES (metric + logged reason), while a
 * healthy client connected at the same time receives every headline.
 *
 * The stalled client speaks Engine.IO v4 / Socket.IO v5 by hand over `ws`, because
 * socket.io-client cannot stop reading its socket; `ws.pause()` stops reading from the TCP
 * socket, so the kernel buffers fill and the gateway's own buffers grow behind them.
 * Socket.IO clients are measured differently on the two frame paths (engine.io's buffers, or
 * its public events and the TCP socket), so their test runs on both.
 */
import { request, type IncomingMessage } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, type RawData } from 'ws';
import type { RunningService } from '../../../src/app/service.ts';
import type { PreparedHeadline } from '../../../src/headlines/normalise.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { FRAME_PATHS } from '../../helpers/frame-paths.ts';
import { createClient, deliveryReport, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';

const BOUND = 65_536;
const BATCH = 100;
/** Enough to fill loopback kernel buffers (send buffer autotunes up to 4 MiB) several times over. */
const MAX_HEADLINES = 12_000;

let redisServer: TestRedis;
let redis: Redis;
let store: HeadlineStore;
let service: RunningService;
let healthy: TickerClient | undefined;
let stalled: WebSocket | undefined;
let logLines: string[] = [];
let seq = 0;

/** A headline of ~1.5 KB on the wire: title and summary near their length caps. */
function bigHeadline(): PreparedHeadline {
  seq += 1;
  const title = `Slow consumer probe ${seq} ${'t'.repeat(270)}`;
  const summary = `Summary ${seq} ${'lorem ipsum dolor sit amet '.repeat(37)}`;
  return prepared({ title, summary, guid: `slow-${seq}`, url: `https://example.com/news/${seq}` }, { topics: ['politics'], regions: ['az'] });
}

async function metricsText(): Promise<string> {
  const response = await fetch(`${service.url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function metricValue(text: string, line: RegExp): number {
  const match = line.exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}

const slowDisconnects = (text: string): number => metricValue(text, /^newsticker_gateway_slow_consumer_disconnects_total\{transport="socket\.io"\} (\d+)$/m);
const slowSseDisconnects = (text: string): number => metricValue(text, /^newsticker_gateway_slow_consumer_disconnects_total\{transport="sse"\} (\d+)$/m);
const openSockets = (text: string): number => metricValue(text, /^newsticker_gateway_sockets (\d+)$/m);

/**
 * Connects and subscribes to `*\/*` by hand: open packet `0{…}`, CONNECT `40` → `40{…}`,
 * EVENT with ack id 0 `420[…]` → ACK `430[…]`. Resolves once the ack says ok.
 */
async function rawSubscriber(url: string): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!isBinary && Buffer.isBuffer(data)) frames.push(data.toString('utf8'));
  });
  const next = async (prefix: string): Promise<string> => {
    await waitFor(() => frames.some((f) => f.startsWith(prefix)), { what: () => `raw client waiting for "${prefix}", got ${JSON.stringify(frames)}`, timeoutMs: 5_000 });
    const index = frames.findIndex((f) => f.startsWith(prefix));
    return frames.splice(0, index + 1)[index] ?? '';
  };
  await next('0{');
  ws.send('40');
  await next('40');
  ws.send(`420${JSON.stringify(['subscribe', { channels: ['*/*'], limit: 0 }])}`);
  const ack = await next('430');
  expect(ack).toMatch(/^430\[\{"ok":true/);
  return ws;
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  store = new HeadlineStore(redis, { allStreamMaxLen: 20_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
});
afterAll(async () => {
  redis.disconnect();
  await redisServer.cleanup();
});

async function startGateway(env: Record<string, string>): Promise<void> {
  logLines = [];
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', GATEWAY_MAX_BUFFERED_BYTES: String(BOUND), ...env }, [], {
    write: (line: string) => {
      logLines.push(line);
    },
  });
}

async function stopGateway(): Promise<void> {
  healthy?.close();
  stalled?.terminate();
  await service.stop();
}

describe.each(FRAME_PATHS)('gateway slow consumers on $path', ({ env }) => {
  beforeAll(() => startGateway(env));
  afterAll(stopGateway);

  it('drops a client that stops reading once its unsent output passes the bound; a healthy client gets everything', async () => {
    const client = createClient(service.url, { channels: ['*/*'], limit: 0, reconnection: false });
    healthy = client;
    await waitFor(() => client.acks.length > 0, { what: 'healthy client subscribed' });
    const raw = await rawSubscriber(service.url);
    stalled = raw;
    raw.pause();
    expect(openSockets(await metricsText())).toBe(2);

    // Publish in batches until the gateway reports the drop (its sweep runs periodically).
    const ids: string[] = [];
    const started = Date.now();
    while (slowDisconnects(await metricsText()) === 0) {
      if (ids.length >= MAX_HEADLINES) throw new Error(`no slow-consumer drop after ${ids.length} headlines`);
      const results = await store.storeMany(Array.from({ length: BATCH }, bigHeadline));
      ids.push(...results.map((r) => r.id));
    }
    const publishedBeforeDrop = ids.length;
    // Headlines after the drop still reach the healthy client.
    for (let i = 0; i < 5; i += 1) ids.push(...(await store.storeMany(Array.from({ length: 10 }, bigHeadline))).map((r) => r.id));

    await waitFor(() => client.received.length >= ids.length, { what: () => `healthy client has ${client.received.length} of ${ids.length}`, timeoutMs: 10_000 });
    expect(deliveryReport(ids, client.received)).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(client.received).toHaveLength(ids.length);
    expect(client.socket.connected).toBe(true);

    // Exactly one drop, counted once (a later sweep must not count the same socket again).
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const text = await metricsText();
    expect(slowDisconnects(text)).toBe(1);
    expect(openSockets(text)).toBe(1);

    const dropLogs = logLines.filter((line) => line.includes('dropping slow consumer'));
    expect(dropLogs).toHaveLength(1);
    const bytes = Number(/"reason":"(\d+) bytes unsent"/.exec(dropLogs[0] ?? '')?.[1]);
    expect(bytes).toBeGreaterThan(BOUND);

    // Once the stalled client reads again, it finds its connection closed by the server.
    const closed = new Promise<number>((resolve) => raw.once('close', (code: number) => resolve(code)));
    raw.resume();
    const code = await closed;

    console.info(
      `slow consumer: dropped at ${bytes} buffered bytes (bound ${BOUND}) after ${publishedBeforeDrop} headlines in ${Date.now() - started} ms; ` +
        `healthy client received ${client.received.length}/${ids.length}; stalled client close code ${code}`,
    );
  });

});

describe('gateway slow consumers, SSE', () => {
  beforeAll(() => startGateway({}));
  afterAll(stopGateway);

  it('drops an SSE client that stops reading, discarding its unsent output', async () => {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      request(`${service.url}/api/stream?channel=*/*&limit=0`, resolve).on('error', reject).end();
    });
    expect(response.statusCode).toBe(200);
    response.pause(); // stop reading: the kernel buffers fill, then the server's
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
    let published = 0;
    while (slowSseDisconnects(await metricsText()) === 0) {
      if (published >= MAX_HEADLINES) throw new Error(`no SSE slow-consumer drop after ${published} headlines`);
      await store.storeMany(Array.from({ length: BATCH }, bigHeadline));
      published += BATCH;
    }
    response.resume();
    response.on('data', () => undefined); // drain what was delivered before the drop
    await closed; // destroyed by the server: a stalled client's connection does not linger
    expect(slowSseDisconnects(await metricsText())).toBe(1);
    expect(logLines.filter((line) => line.includes('dropping slow SSE consumer'))).toHaveLength(1);
  });
});
