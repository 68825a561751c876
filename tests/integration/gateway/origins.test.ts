/**
 * Browser origins, by ALLOWED_ORIGINS: CORS answers for the read API (GET /api/*, the SSE
 * stream) and none for publishing; a refused Socket.IO origin is logged once per origin per minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { createClient, type TickerClient } from '../../helpers/socket-client.ts';
import { openSseStream } from '../../helpers/sse-client.ts';
import { waitFor } from '../../helpers/wait.ts';

const ALLOWED = 'https://news.example';
let redisServer: TestRedis;
let service: RunningService;
const logLines: { msg?: string; origin?: string }[] = [];
const clients: TickerClient[] = [];

beforeAll(async () => {
  redisServer = await startTestRedis();
  const logs = { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) };
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', ALLOWED_ORIGINS: ALLOWED }, [], logs);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await service.stop();
  await redisServer.cleanup();
});

describe('CORS for the read API', () => {
  it('answers an allowed origin on GET /api/* and /api/stream, and no other', async () => {
    const allowed = await fetch(`${service.url}/api/headlines?channel=politics/*`, { headers: { origin: ALLOWED } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('vary')).toMatch(/origin/i);
    const refused = await fetch(`${service.url}/api/headlines`, { headers: { origin: 'https://evil.example' } });
    expect(refused.status).toBe(200); // CORS is the browser's to enforce: the answer simply lacks the header
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const stream = openSseStream(`${service.url}/api/stream?channel=politics/*`, { origin: ALLOWED });
    const headers = await waitFor(() => stream.state.headers, { what: 'SSE headers' });
    expect(headers.get('access-control-allow-origin')).toBe(ALLOWED);
    await stream.close();

    const preflight = await fetch(`${service.url}/api/stream`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'GET', 'access-control-request-headers': 'last-event-id' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/last-event-id/i);
  });

  it('gives publishing no CORS answer', async () => {
    const preflight = await fetch(`${service.url}/api/headlines`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('refused origins', () => {
  it('are logged once per origin per minute', async () => {
    const attempt = (origin: string): Promise<void> => {
      const c = createClient(service.url, { extraHeaders: { origin }, transports: ['polling'], reconnection: false });
      clients.push(c);
      return new Promise((resolve) => c.socket.once('connect_error', () => resolve()));
    };
    for (let i = 0; i < 5; i += 1) await attempt('https://evil.example');
    await attempt('https://other.example');
    const refusals = logLines.filter((line) => line.msg?.includes('not in ALLOWED_ORIGINS'));
    expect(refusals.map((line) => line.origin)).toEqual(['https://evil.example', 'https://other.example']);
  });
});
