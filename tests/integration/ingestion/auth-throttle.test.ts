/**
 * Failed API-key attempts are throttled per client address (429 with Retry-After), shared by
 * gateways through Redis; a right key never spends the budget, and other addresses are unaffected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY } from '../../helpers/service.ts';

let redisServer: TestRedis;
let service: RunningService;

beforeAll(async () => {
  redisServer = await startTestRedis();
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', AUTH_FAILURES_PER_15_MINUTES: '5' });
});
afterAll(async () => {
  await service.stop();
  await redisServer.cleanup();
});

async function attempt(key: string | undefined, address: string): Promise<{ status: number; retryAfter: string | null }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-forwarded-for': address };
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${service.url}/api/headlines`, { method: 'POST', headers, body: JSON.stringify({ title: `t ${Math.random()}` }) });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

describe('failed authentication', () => {
  it('is throttled per address after the allowed failures, with Retry-After', async () => {
    // Right keys first: they spend nothing.
    for (let i = 0; i < 3; i += 1) expect((await attempt(TEST_API_KEY, '203.0.113.20')).status).toBe(201);
    const guesses: number[] = [];
    for (let i = 0; i < 8; i += 1) guesses.push((await attempt(`guess-${i}-0123456789abcdef`, '203.0.113.20')).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    // Once throttled, even the right key waits: a guesser cannot tell a right guess apart.
    const blocked = await attempt(TEST_API_KEY, '203.0.113.20');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(60);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(15 * 60);
    // A missing key counts as a failure too; another address is not affected.
    expect((await attempt(undefined, '203.0.113.21')).status).toBe(401);
    expect((await attempt(TEST_API_KEY, '203.0.113.21')).status).toBe(201);
  });
});
