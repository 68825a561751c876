/**
 * Hostile input on every client path answers a 4xx (or an error ack) and nothing worse:
 * malformed cursors are 400 BAD_CURSOR (REST, SSE `since` and Last-Event-ID, the subscribe
 * ack) with no stack logged; unknown channels name the nearest valid one; and property-based
 * runs (fast-check) over cursors, channel strings, publish bodies and socket payloads never
 * get a 5xx, never crash the gateway, and never log an error.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { FailureAck, SubscribeAck } from '../../../src/protocol/events.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';
import { createClient, type TickerClient } from '../../helpers/socket-client.ts';
import { openSseStream } from '../../helpers/sse-client.ts';
import { waitFor } from '../../helpers/wait.ts';

let redisServer: TestRedis;
let redis: Redis;
let service: RunningService;
/** Payloads are spread over a few sockets: one socket sending 100 messages a second is disconnected as a flood, by design. */
const sockets: TickerClient[] = [];
let sent = 0;
const logLines: { level: number; msg?: string; err?: { stack?: string } }[] = [];

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
  for (let i = 0; i < 5; i += 1) await store.store(prepared({ title: `seed ${i}` }, { topics: ['politics'], regions: ['az'] }));
  const logs = { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) };
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', GATEWAY_SUBSCRIBE_BURST: '100000' }, [], logs);
  for (let i = 0; i < 4; i += 1) sockets.push(createClient(service.url));
  await waitFor(() => sockets.every((c) => c.socket.connected), { what: 'sockets connected' });
});
afterAll(async () => {
  for (const c of sockets) c.close();
  await service.stop();
  redis.disconnect();
  await redisServer.cleanup();
});

const errorLogs = (): typeof logLines => logLines.filter((line) => line.level >= 50 || line.err?.stack !== undefined);

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; code?: string; message?: string }> {
  const response = await fetch(`${service.url}${path}`, { headers });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, ...(body.error === undefined ? {} : { code: body.error.code, message: body.error.message }) };
}

/** The status of an SSE open; a 200 stream is closed again at once. */
async function sseStatus(path: string, headers: Record<string, string> = {}): Promise<number> {
  const stream = openSseStream(`${service.url}${path}`, headers);
  const status = await waitFor(() => stream.state.status, { what: 'SSE status' });
  await stream.close();
  return status;
}

function subscribeAck(payload: unknown): Promise<SubscribeAck | FailureAck> {
  const socket = sockets[(sent += 1) % sockets.length];
  if (socket === undefined) throw new Error('no socket');
  return (socket.socket.emitWithAck as (event: string, ...args: unknown[]) => Promise<SubscribeAck | FailureAck>)('subscribe', payload);
}

const TOO_BIG = ['99999999999999999999-0', '0-99999999999999999999', '18446744073709551616-0', '18446744073709551615-18446744073709551616'];

describe('malformed cursors', () => {
  it('are 400 BAD_CURSOR on REST, SSE since, SSE Last-Event-ID and the subscribe ack, with no stack logged', async () => {
    for (const cursor of [...TOO_BIG, 'abc', '1-', '-1', '1.5-0', '1-0-0']) {
      const q = encodeURIComponent(cursor);
      expect(await get(`/api/headlines?since=${q}`), cursor).toMatchObject({ status: 400, code: 'BAD_CURSOR' });
      expect(await get(`/api/headlines?channel=politics/az&since=${q}`), cursor).toMatchObject({ status: 400, code: 'BAD_CURSOR' });
      expect(await sseStatus(`/api/stream?since=${q}`), cursor).toBe(400);
      expect(await sseStatus('/api/stream', { 'Last-Event-ID': cursor }), cursor).toBe(400);
      const ack = await subscribeAck({ channels: ['politics/*'], since: cursor });
      expect(ack.ok ? 'ok' : ack.error.code, cursor).toBe('BAD_CURSOR');
    }
    // The largest valid id is valid, and nothing comes after it.
    const max = '18446744073709551615-18446744073709551615';
    expect(await get(`/api/headlines?since=${max}`)).toEqual({ status: 200 });
    expect(await get(`/api/headlines?channel=politics/az&since=${max}`)).toEqual({ status: 200 });
    expect(errorLogs()).toEqual([]);
  });
});

describe('unknown channels', () => {
  it('name the nearest valid channel and GET /api/channels, on REST, SSE and the subscribe ack', async () => {
    const rest = await get('/api/headlines?channel=sports/*');
    expect(rest).toMatchObject({ status: 400, code: 'BAD_CHANNEL' });
    expect(rest.message).toContain('did you mean "sport/*"');
    expect(rest.message).toContain('/api/channels');
    expect((await get('/api/headlines?channel=politics/uk')).message).toContain('did you mean "politics/gb"');
    expect(await sseStatus('/api/stream?channel=sports/uk')).toBe(400);
    const ack = await subscribeAck({ channels: ['*/uk'] });
    expect(ack.ok ? '' : ack.error.message).toMatch(/did you mean "\*\/gb".*\/api\/channels/);
  });
});

describe('property-based hostile input', () => {
  const cursorish = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.tuple(fc.stringMatching(/^\d{0,25}$/), fc.constantFrom('-', '--', ''), fc.stringMatching(/^\d{0,25}$/)).map(([a, sep, b]) => `${a}${sep}${b}`),
    fc.bigInt({ min: 0n, max: 2n ** 70n }).chain((ms) => fc.bigInt({ min: 0n, max: 2n ** 70n }).map((seq) => `${ms}-${seq}`)),
  );
  const channelish = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.tuple(fc.constantFrom('politics', 'sport', 'sports', '*', '', 'uk', 'x'.repeat(300)), fc.constantFrom('/', '//', ''), fc.constantFrom('az', 'gb', 'uk', '*', '', '../..')).map(([t, s, r]) => `${t}${s}${r}`),
  );

  it('REST and SSE queries never answer 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(channelish, { maxLength: 4 }), fc.option(cursorish), fc.option(fc.string({ maxLength: 8 })), async (channels, since, limit) => {
        const params = new URLSearchParams();
        for (const channel of channels) params.append('channel', channel);
        if (since !== null) params.set('since', since);
        if (limit !== null) params.set('limit', limit);
        const { status } = await get(`/api/headlines?${params.toString()}`);
        expect(status).toBeLessThan(500);
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(channelish, cursorish, async (channel, lastEventId) => {
        // fetch refuses header values with control characters itself: those never reach a server.
        const header = lastEventId.replace(/[^\x20-\x7e]/g, '');
        const status = await sseStatus(`/api/stream?channel=${encodeURIComponent(channel)}&limit=0`, { 'Last-Event-ID': header });
        expect([200, 400]).toContain(status);
      }),
      { numRuns: 60 },
    );
    expect(errorLogs()).toEqual([]);
  });

  it('socket payloads always get an ack and never break the connection', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({ channels: fc.oneof(fc.array(channelish, { maxLength: 5 }), fc.anything()), since: fc.oneof(cursorish, fc.anything()), limit: fc.anything() }, { requiredKeys: [] }),
        ),
        async (payload) => {
          const ack = await subscribeAck(payload);
          expect(typeof ack.ok).toBe('boolean');
          if (!ack.ok) expect(['VALIDATION', 'BAD_CHANNEL', 'BAD_CURSOR']).toContain(ack.error.code);
        },
      ),
      { numRuns: 150 },
    );
    expect(sockets.every((c) => c.socket.connected)).toBe(true);
    expect(errorLogs()).toEqual([]);
  });

  it('publish bodies never answer 5xx, and a rejected body stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              title: fc.oneof(fc.string(), fc.anything()),
              url: fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'file:///etc/passwd', 'data:,x'), fc.anything()),
              topics: fc.oneof(fc.array(fc.constantFrom('politics', 'sports', 'x')), fc.anything()),
              regions: fc.oneof(fc.array(fc.constantFrom('az', 'uk', '')), fc.anything()),
              source: fc.oneof(fc.record({ id: fc.string(), name: fc.string() }), fc.anything()),
              publishedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
              lang: fc.string({ maxLength: 12 }),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const before = await redis.xlen('{nt}:stream:all');
          const response = await fetch(`${service.url}/api/headlines`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${TEST_API_KEY}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(body) ?? 'null',
          });
          const answer = (await response.json()) as { error?: { code: string; details?: { path: string }[] } };
          expect(response.status).toBeLessThan(500);
          if (response.status >= 400) expect(await redis.xlen('{nt}:stream:all')).toBe(before);
          if (response.status === 400) {
            expect(answer.error?.code).toBe('VALIDATION');
            // Every field error names where it is (the body itself is the empty path only when it is no object at all).
            for (const detail of answer.error?.details ?? []) if (typeof body === 'object' && body !== null && detail.path === '') expect(Array.isArray(body)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(errorLogs()).toEqual([]);
    expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
  });
});
