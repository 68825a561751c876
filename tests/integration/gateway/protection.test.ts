import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import type { FailureAck, SubscribeAck } from '../../../src/protocol/events.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { prepared } from '../../helpers/headlines.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { clientPool, type ClientOptions, type TickerClient } from '../../helpers/socket-client.ts';
import { waitFor } from '../../helpers/wait.ts';

let redisServer: TestRedis;
let redis: Redis;
let store: HeadlineStore;
let service: RunningService;
let watcher: TickerClient;
const clients = clientPool(() => service.url);
const client = (options?: ClientOptions): TickerClient => clients.open(options);
let seq = 0;

/** Publishes one headline and checks that the watching client still gets it. */
async function stillServing(): Promise<void> {
  const id = (await store.store(prepared({ title: `probe ${(seq += 1)}` }, { topics: ['politics'], regions: ['az'] }))).id;
  await waitFor(() => watcher.lastId() === id, { what: () => `watcher at ${watcher.lastId()}, want ${id}` });
}

/** Server-side count of refused connections of one kind (the client only sees "xhr poll error"). */
async function refusals(kind: string): Promise<number> {
  const metric = await service.metrics.rateLimitHits.get();
  return metric.values.find((v) => v.labels.kind === kind)?.value ?? 0;
}

function connectError(c: TickerClient): Promise<Error> {
  return new Promise((resolve) => c.socket.once('connect_error', resolve));
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 60 });
  service = await startTestService({
    REDIS_URL: redisServer.url,
    ROLE: 'gateway',
    ALLOWED_ORIGINS: 'https://news.example',
    GATEWAY_SUBSCRIBE_BURST: '20',
    GATEWAY_MAX_CONNECTIONS_PER_IP: '8',
  });
  watcher = client({ channels: ['politics/*'] });
  await waitFor(() => watcher.acks.length > 0, { what: 'watcher subscribed' });
});
afterAll(async () => {
  clients.closeAll();
  await service.stop();
  redis.disconnect();
  await redisServer.cleanup();
});

describe('gateway protection', () => {
  it('refuses a disallowed browser origin and admits an allowed one', async () => {
    const bad = client({ extraHeaders: { origin: 'https://evil.example' }, transports: ['polling'], reconnection: false });
    // A refusal the page can read: the widget shows "not enabled for this site" instead of retrying.
    expect(await connectError(bad)).toMatchObject({ data: { code: 'ORIGIN_NOT_ALLOWED' } });
    await waitFor(() => bad.socket.io.engine.readyState === 'closed', { what: 'the refused connection closed by the server' });
    expect(await refusals('origin')).toBe(1);
    const good = client({ extraHeaders: { origin: 'https://news.example' }, transports: ['polling'], channels: ['sport/*'] });
    await waitFor(() => good.acks.length > 0, { what: 'allowed origin subscribed' });
    good.close();
    await stillServing();
  });

  it('answers bad payloads with error acks and never falls over', async () => {
    const c = client();
    await waitFor(() => c.socket.connected, { what: 'connected' });
    const send = (payload: unknown): Promise<SubscribeAck | FailureAck> =>
      // Deliberately untyped payloads: what a hostile client can send.
      (c.socket.emitWithAck as (event: string, ...args: unknown[]) => Promise<SubscribeAck | FailureAck>)('subscribe', payload);
    const codes = async (payload: unknown): Promise<string> => {
      const ack = await send(payload);
      return ack.ok ? 'ok' : ack.error.code;
    };
    expect(await codes(null)).toBe('VALIDATION');
    expect(await codes('politics/*')).toBe('VALIDATION');
    expect(await codes([1, 2, 3])).toBe('VALIDATION');
    expect(await codes({ channels: 'politics/*' })).toBe('BAD_CHANNEL');
    expect(await codes({ channels: [] })).toBe('BAD_CHANNEL');
    expect(await codes({ channels: [42] })).toBe('BAD_CHANNEL');
    expect(await codes({ channels: ['nonsense/xx'] })).toBe('BAD_CHANNEL');
    expect(await codes({ channels: Array.from({ length: 60 }, () => 'sport/*') })).toBe('BAD_CHANNEL');
    expect(await codes({ channels: ['sport/*'], since: 'yesterday' })).toBe('BAD_CURSOR');
    expect(await codes({ channels: ['sport/*'], limit: 501 })).toBe('VALIDATION');
    expect(await codes({ channels: ['sport/*'], limit: '5' })).toBe('VALIDATION');
    // No ack callback: ignored, and the socket still works afterwards.
    (c.socket.emit as (event: string, ...args: unknown[]) => void)('subscribe', { channels: ['sport/*'] });
    (c.socket.emit as (event: string, ...args: unknown[]) => void)('unknown-event', { x: 1 });
    // An event a client names "error" is not an error of the socket: not counted, not logged.
    const socketErrors = async (): Promise<number> => (await service.metrics.errors.get()).values.filter((v) => v.labels.component === 'socket' && v.labels.code !== 'NO_ACK').reduce((sum, v) => sum + v.value, 0);
    const errorsBefore = await socketErrors();
    (c.socket.emit as (event: string, ...args: unknown[]) => void)('error', { message: 'not really' });
    expect(await codes({ channels: ['sport/*'], limit: 1 })).toBe('ok');
    expect(await socketErrors()).toBe(errorsBefore);
    await stillServing();
  });

  it('drops a connection whose message passes maxHttpBufferSize', async () => {
    const c = client({ reconnection: false });
    await waitFor(() => c.socket.connected, { what: 'connected' });
    const gone = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    c.socket.emit('subscribe', { channels: Array.from({ length: 2_000 }, (_, i) => `sport/x${i}`) }, () => undefined);
    expect(await gone).toMatch(/transport close|transport error/);
    await stillServing();
  });

  it('rate limits a subscribe flood, then disconnects the flooder', async () => {
    const c = client({ reconnection: false });
    await waitFor(() => c.socket.connected, { what: 'connected' });
    const disconnected = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    const acks: (SubscribeAck | FailureAck)[] = [];
    for (let i = 0; i < 80; i += 1) c.socket.emit('subscribe', { channels: ['sport/*'], limit: 0 }, (ack) => acks.push(ack));
    expect(await disconnected).toBe('io server disconnect');
    expect(acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(20);
    await stillServing();
  });

  it('disconnects a connection flooding events the gateway does not handle, and no one else', async () => {
    const bystander = client({ channels: ['sport/*'], reconnection: false });
    const c = client({ reconnection: false });
    await waitFor(() => c.socket.connected && bystander.acks.length > 0, { what: 'connected' });
    const disconnected = new Promise<string>((resolve) => c.socket.once('disconnect', resolve));
    for (let i = 0; i < 500; i += 1) (c.socket.emit as (event: string, ...args: unknown[]) => void)('nonsense', { i });
    expect(await disconnected).toMatch(/transport close|io server disconnect/);
    expect(bystander.socket.connected).toBe(true);
    await stillServing();
  });

  it('caps connections per IP', async () => {
    const extra: TickerClient[] = [];
    let refused: Error | undefined;
    for (let i = 0; i < 10 && refused === undefined; i += 1) {
      const c = client({ reconnection: false });
      extra.push(c);
      refused = await Promise.race([
        connectError(c),
        new Promise<undefined>((resolve) => c.socket.once('connect', () => resolve(undefined))),
      ]);
    }
    expect(refused).toBeInstanceOf(Error);
    expect(await refusals('ip-cap')).toBeGreaterThan(0);
    // Seven sockets were open before (watcher and earlier ones closed or open): the cap is 8.
    expect(extra.length).toBeLessThanOrEqual(9);
    for (const c of extra) c.close();
    // Closed connections give their places back.
    await waitFor(
      async () => {
        const again = client({ reconnection: false });
        const admitted = await Promise.race([connectError(again).then(() => false), new Promise<boolean>((resolve) => again.socket.once('connect', () => resolve(true)))]);
        again.close();
        return admitted ? true : undefined;
      },
      { what: 'a new connection admitted after the others closed' },
    );
    await stillServing();
  });

  it('counts clients behind a trusted proxy by X-Forwarded-For', async () => {
    const admitted = async (forwardedFor: string): Promise<TickerClient | undefined> => {
      const c = client({ reconnection: false, transports: ['websocket'], extraHeaders: { 'X-Forwarded-For': forwardedFor } });
      const ok = await Promise.race([connectError(c).then(() => false), new Promise<boolean>((resolve) => c.socket.once('connect', () => resolve(true)))]);
      if (ok) return c;
      c.close();
      return undefined;
    };
    // The test's peer is loopback, a trusted proxy: ten clients it forwards are ten addresses
    // (the cap is 8), as they would be behind the nginx of docker-compose.yml.
    const distinct = await Promise.all(Array.from({ length: 10 }, (_, i) => admitted(`203.0.113.${i + 1}`)));
    expect(distinct.every((c) => c !== undefined)).toBe(true);
    // One address behind the proxy still gets 8, and a spoofed hop to the left changes nothing.
    const same: (TickerClient | undefined)[] = [];
    for (let i = 0; i < 9; i += 1) same.push(await admitted(`10.9.9.${i}, 198.51.100.7`));
    expect(same.filter((c) => c !== undefined)).toHaveLength(8);
    for (const c of [...distinct, ...same]) c?.close();
    await stillServing();
  });
});
