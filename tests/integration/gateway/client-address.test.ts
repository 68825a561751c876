/**
 * X-Forwarded-For is believed only from TRUSTED_PROXIES, by express (the REST rate limit) and
 * by the Socket.IO admission (the per-IP cap) alike. The test client's peer is 127.0.0.1: with
 * the default (`loopback`) it is a trusted proxy and each forwarded address is a client of its
 * own; with `TRUSTED_PROXIES=10.0.0.0/8` it is a client itself, and the header is ignored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { createClient, type TickerClient } from '../../helpers/socket-client.ts';

const LIMITS = { ROLE: 'gateway', GATEWAY_MAX_CONNECTIONS_PER_IP: '2', HTTP_RATE_PER_MINUTE: '3' };
let redisServer: TestRedis;
let behindProxy: RunningService;
let untrustedPeer: RunningService;
const clients: TickerClient[] = [];

beforeAll(async () => {
  redisServer = await startTestRedis();
  behindProxy = await startTestService({ ...LIMITS, REDIS_URL: redisServer.url });
  untrustedPeer = await startTestService({ ...LIMITS, REDIS_URL: redisServer.url, TRUSTED_PROXIES: '10.0.0.0/8' });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([behindProxy.stop(), untrustedPeer.stop()]);
  await redisServer.cleanup();
});

/** Statuses of `count` GET /api/channels claiming to come from `forwardedFor`. */
async function statuses(service: RunningService, forwardedFor: string, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await fetch(`${service.url}/api/channels`, { headers: { 'X-Forwarded-For': forwardedFor } });
    await response.arrayBuffer();
    out.push(response.status);
  }
  return out;
}

/** Whether a Socket.IO connection claiming `forwardedFor` is admitted. */
function connects(service: RunningService, forwardedFor: string): Promise<boolean> {
  const c = createClient(service.url, { extraHeaders: { 'x-forwarded-for': forwardedFor }, reconnection: false });
  clients.push(c);
  return new Promise((resolve) => {
    c.socket.once('connect', () => resolve(true));
    c.socket.once('connect_error', () => resolve(false));
  });
}

describe('client address', () => {
  it('keys the REST rate limit on the forwarded address only behind a trusted proxy', async () => {
    expect(await statuses(behindProxy, '203.0.113.1', 4)).toEqual([200, 200, 200, 429]);
    expect(await statuses(behindProxy, '203.0.113.2', 1)).toEqual([200]);

    // An untrusted peer's header is ignored: every request is the peer's, whatever it claims.
    expect(await statuses(untrustedPeer, '198.51.100.1', 3)).toEqual([200, 200, 200]);
    expect(await statuses(untrustedPeer, '198.51.100.2', 1)).toEqual([429]);
  });

  it('keys the Socket.IO per-IP cap on the forwarded address only behind a trusted proxy', async () => {
    expect([await connects(behindProxy, '203.0.113.7'), await connects(behindProxy, '203.0.113.7')]).toEqual([true, true]);
    expect(await connects(behindProxy, '203.0.113.7')).toBe(false);
    expect(await connects(behindProxy, '203.0.113.8')).toBe(true);

    expect([await connects(untrustedPeer, '198.51.100.7'), await connects(untrustedPeer, '198.51.100.8')]).toEqual([true, true]);
    expect(await connects(untrustedPeer, '198.51.100.9')).toBe(false);
  });
});
