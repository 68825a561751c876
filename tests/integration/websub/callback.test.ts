/**
 * Pushes to our WebSub callback: only a signed push for a source we subscribed for is stored,
 * and it goes through the same path as a poll. Everything else gets its status and stores nothing.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { PushStateStore } from '../../../src/websub/subscriber/push-state.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { expectedSignature } from '../../helpers/websub-subscriber.ts';

const SECRET = 'the-secret-we-gave-the-hub';
const TOPIC = 'https://publisher.example/feed.atom';

let redisServer: TestRedis;
let redis: Redis;
let service: RunningService;

function atom(title: string, padding = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:x</id><title>Publisher</title><updated>2026-12-07T10:00:00Z</updated>
<link rel="self" href="${TOPIC}"/><link rel="hub" href="https://hub.example/"/>
<entry><id>urn:e:${encodeURIComponent(title)}</id><title>${title}</title><updated>2026-12-07T10:00:00Z</updated><link href="/news/1"/><summary>${padding}</summary></entry></feed>`;
}

async function push(sourceId: string, body: string, signature: string | undefined): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/atom+xml' };
  if (signature !== undefined) headers['x-hub-signature'] = signature;
  return (await fetch(`${service.url}/websub/callback/${sourceId}`, { method: 'POST', headers, body })).status;
}

async function storedTitles(): Promise<string[]> {
  const body = (await (await fetch(`${service.url}/api/headlines?limit=50`)).json()) as { headlines: { title: string; url?: string }[] };
  return body.headlines.map((headline) => headline.title);
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'gateway', FETCH_MAX_BYTES: '4096' }, [
    { id: 'publisher', name: 'Publisher', type: 'feed', url: TOPIC, intervalSeconds: 3600, timezone: 'UTC' },
  ]);
});
beforeEach(async () => {
  await redis.flushall();
  const pushState = new PushStateStore(redis);
  await pushState.requested('publisher', { hub: 'https://hub.example/', topic: TOPIC, secret: SECRET });
  await pushState.verified('publisher', 3600);
});
afterAll(async () => {
  await service.stop();
  redis.disconnect();
  await redisServer.cleanup();
});

describe('POST /websub/callback/:sourceId', () => {
  it('stores a signed push through the poll path, relative links resolved against the topic', async () => {
    const body = atom('Pushed and stored');
    expect(await push('publisher', body, expectedSignature(SECRET, body))).toBe(204);
    const stored = (await (await fetch(`${service.url}/api/headlines`)).json()) as { headlines: { title: string; url?: string; source: { id: string } }[] };
    expect(stored.headlines).toMatchObject([{ title: 'Pushed and stored', url: 'https://publisher.example/news/1', source: { id: 'publisher' } }]);
    const sources = (await (await fetch(`${service.url}/api/sources`)).json()) as { sources: { push?: { status: string; pushes: number } }[] };
    expect(sources.sources[0]?.push).toMatchObject({ status: 'active', pushes: 1 });
  });

  it('refuses unsigned, wrongly signed, oversized and unknown-source pushes, storing nothing', async () => {
    const body = atom('Must not be stored');
    expect(await push('publisher', body, undefined)).toBe(403);
    expect(await push('publisher', body, expectedSignature('another-secret', body))).toBe(403);
    expect(await push('publisher', body, 'sha256=nothex')).toBe(403);
    const big = atom('Too big', 'x'.repeat(8192));
    expect(await push('publisher', big, expectedSignature(SECRET, big))).toBe(413);
    expect(await push('nobody', body, expectedSignature(SECRET, body))).toBe(404);
    expect(await storedTitles()).toEqual([]);
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/newsticker_websub_pushes_total\{outcome="signature-missing"\} 1/);
    expect(metrics).toMatch(/newsticker_websub_pushes_total\{outcome="signature-invalid"\} 2/);
  });

  it('echoes the challenge only for the request we made', async () => {
    const verify = (params: Record<string, string>) => fetch(`${service.url}/websub/callback/publisher?${new URLSearchParams(params).toString()}`);
    const ours = await verify({ 'hub.mode': 'subscribe', 'hub.topic': TOPIC, 'hub.challenge': 'c-123', 'hub.lease_seconds': '600' });
    expect(ours.status).toBe(200);
    expect(await ours.text()).toBe('c-123');
    expect((await verify({ 'hub.mode': 'subscribe', 'hub.topic': 'https://other.example/feed', 'hub.challenge': 'x' })).status).toBe(404);
    expect((await verify({ 'hub.mode': 'unsubscribe', 'hub.topic': TOPIC, 'hub.challenge': 'x' })).status).toBe(404);
  });
});
