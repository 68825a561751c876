import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY, TEST_EDITOR_KEY } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';
import { expectedSignature, startSubscriber, type TestSubscriber } from '../../helpers/websub-subscriber.ts';
import { parseAtom } from '../../helpers/feed-validity.ts';

let redisServer: TestRedis;
let service: RunningService;
let redis: Redis;
const subscribers: TestSubscriber[] = [];

async function subscriber(): Promise<TestSubscriber> {
  const started = await startSubscriber();
  subscribers.push(started);
  return started;
}

async function hubRequest(target: RunningService, fields: Record<string, string>): Promise<Response> {
  return fetch(`${target.url}/websub`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

function topic(path: string): string {
  return `http://localhost:${service.port}${path}`;
}

async function subscribe(sub: TestSubscriber, path: string, extra: Record<string, string> = {}): Promise<void> {
  const before = sub.verifications.length;
  const response = await hubRequest(service, { 'hub.mode': 'subscribe', 'hub.topic': topic(path), 'hub.callback': sub.callback, ...extra });
  expect(response.status).toBe(202);
  await waitFor(() => (sub.verifications.length > before ? true : undefined), { what: 'verification of intent' });
  // The hub stores the subscription right after the echo; a probe publish would race it, so wait for the count.
  await waitFor(async () => ((await subscriptionCount()) > 0 ? true : undefined), { what: 'subscription stored' });
}

async function subscriptionCount(): Promise<number> {
  return redis.zcard('{nt}:websub:expiry');
}

async function metric(pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}

const retriedDeliveries = () => metric(/^newsticker_websub_deliveries_total\{outcome="retried"\} (\d+)/m);
const refusedVerifications = () => metric(/^newsticker_websub_verifications_total\{mode="subscribe",outcome="refused"\} (\d+)/m);

async function publish(title: string, topics: string[], regions: string[] = ['az']): Promise<string> {
  const response = await fetch(`${service.url}/api/headlines`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, topics, regions }),
  });
  const body = (await response.json()) as { results: { id: string }[] };
  return body.results[0]?.id ?? '';
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  service = await startTestService({ REDIS_URL: redisServer.url, WEBSUB_LEASE_MIN_SECONDS: '1', WEBSUB_RETRY_DELAY_MS: '50' });
});
afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((sub) => sub.close()));
  // Each test starts with no subscriptions (this file's own Redis; the queue's keys stay).
  const stale = await redis.keys('{nt}:websub:*');
  if (stale.length > 0) await redis.del(...stale);
});
afterAll(async () => {
  await service.stop();
  redis.disconnect();
  await redisServer.cleanup();
});

describe('WebSub hub (POST /websub)', () => {
  it('verifies intent, then delivers the updated feed signed with the secret', async () => {
    const sub = await subscriber();
    await subscribe(sub, '/feeds/politics/all.atom', { 'hub.secret': 'a-shared-secret', 'hub.lease_seconds': '3600' });
    expect(sub.verifications[0]).toEqual({ mode: 'subscribe', topic: topic('/feeds/politics/all.atom'), leaseSeconds: 3600 });

    await publish('Parliament approves the budget', ['politics']);
    const delivery = await waitFor(() => sub.deliveries[0], { what: 'a delivery' });
    expect(delivery.contentType).toMatch(/application\/atom\+xml/);
    expect(delivery.signature).toBe(expectedSignature('a-shared-secret', delivery.body));
    expect(delivery.link).toContain('rel="hub"');
    expect(parseAtom(delivery.body).map((entry) => entry.title)).toEqual(['Parliament approves the budget']);
  });

  it('delivers the updated feed on a correction and on a retraction', async () => {
    const sub = await subscriber();
    await subscribe(sub, '/feeds/religion/all.atom');
    const id = await publish('Minister resigns', ['religion']);
    await waitFor(() => sub.deliveries[0], { what: 'the first delivery' });
    const auth = { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' };
    const patched = await fetch(`${service.url}/api/headlines/${id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ title: 'Minister offers to resign' }) });
    expect(patched.status).toBe(200);
    const corrected = await waitFor(() => sub.deliveries[1], { what: 'the delivery after the correction' });
    expect(parseAtom(corrected.body).map((entry) => entry.title)).toEqual(['Minister offers to resign']);
    const retracted = await fetch(`${service.url}/api/headlines/${id}`, { method: 'DELETE', headers: auth, body: JSON.stringify({ reason: 'not confirmed' }) });
    expect(retracted.status).toBe(200);
    const emptied = await waitFor(() => sub.deliveries[2], { what: 'the delivery after the retraction' });
    expect(parseAtom(emptied.body)).toEqual([]);
  });

  it('delivers nothing for headlines of other channels, and stops after unsubscribe', async () => {
    const sub = await subscriber();
    const control = await startSubscriber('/control');
    subscribers.push(control);
    await subscribe(sub, '/feeds/sport/all.json');
    await subscribe(control, '/feeds/all/all.json');
    await publish('Budget talks resume', ['politics']);
    await publish('Cup final tonight', ['sport']);
    await waitFor(() => (control.deliveries.length >= 2 ? true : undefined), { what: 'control deliveries' });
    await waitFor(() => (sub.deliveries.length >= 1 ? true : undefined), { what: 'sport delivery' });
    expect(sub.deliveries).toHaveLength(1);

    const response = await hubRequest(service, { 'hub.mode': 'unsubscribe', 'hub.topic': topic('/feeds/sport/all.json'), 'hub.callback': sub.callback });
    expect(response.status).toBe(202);
    await waitFor(() => (sub.verifications.some((v) => v.mode === 'unsubscribe') ? true : undefined), { what: 'unsubscribe verification' });
    await waitFor(async () => ((await subscriptionCount()) === 1 ? true : undefined), { what: 'one subscription left' });
    await publish('Second cup final', ['sport']);
    await waitFor(() => (control.deliveries.length >= 3 ? true : undefined), { what: 'control got the third' });
    expect(sub.deliveries).toHaveLength(1);
  });

  it('retries a failing callback with backoff until it succeeds', async () => {
    const sub = await subscriber();
    await subscribe(sub, '/feeds/all/az.rss');
    sub.failNext(3);
    const retriedBefore = await retriedDeliveries();
    await publish('Retry me', ['economy']);
    const delivery = await waitFor(() => sub.deliveries[0], { what: 'the delivery after three failures' });
    expect(delivery.body).toContain('Retry me');
    expect((await retriedDeliveries()) - retriedBefore).toBe(3);
  });

  it('ends a subscription when its lease runs out', async () => {
    const sub = await subscriber();
    const control = await startSubscriber('/control');
    subscribers.push(control);
    await subscribe(sub, '/feeds/weather/all.atom', { 'hub.lease_seconds': '1' });
    await subscribe(control, '/feeds/weather/all.rss', { 'hub.lease_seconds': '3600' });
    expect(sub.verifications[0]?.leaseSeconds).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the lease itself is the subject: let one second pass
    await publish('Storm warning', ['weather']);
    await waitFor(() => control.deliveries[0], { what: 'control delivery' });
    expect(sub.deliveries).toHaveLength(0);
  });

  it('does not subscribe a callback that does not echo the challenge', async () => {
    const sub = await subscriber();
    sub.refuseVerification();
    const refusedBefore = await refusedVerifications();
    const response = await hubRequest(service, { 'hub.mode': 'subscribe', 'hub.topic': topic('/feeds/all/all.atom'), 'hub.callback': sub.callback });
    expect(response.status).toBe(202);
    await waitFor(() => sub.verifications[0], { what: 'verification attempt' });
    // The refusal reaches the hub as the verify job's result; give it that long, then check nothing was stored.
    await waitFor(async () => ((await refusedVerifications()) > refusedBefore ? true : undefined), { what: 'the refusal recorded' });
    expect(await subscriptionCount()).toBe(0);
  });

  it('refuses requests that are not about our feeds, or malformed, naming the field', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'hub.mode': 'subscribe', 'hub.topic': 'https://elsewhere.example/feed', 'hub.callback': 'https://cb.example/x' }, 'hub.topic'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': topic('/feeds/sports/all.rss'), 'hub.callback': 'https://cb.example/x' }, 'hub.topic'],
      [{ 'hub.mode': 'publish', 'hub.topic': topic('/feeds/all/all.rss'), 'hub.callback': 'https://cb.example/x' }, 'hub.mode'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': topic('/feeds/all/all.rss'), 'hub.callback': 'javascript:alert(1)' }, 'hub.callback'],
      [{ 'hub.mode': 'subscribe', 'hub.topic': topic('/feeds/all/all.rss'), 'hub.callback': 'https://cb.example/x', 'hub.secret': 'x'.repeat(200) }, 'hub.secret'],
    ];
    for (const [fields, field] of cases) {
      const response = await hubRequest(service, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'VALIDATION', details: { field } } });
    }
  });
});

describe('WebSub hub SSRF guard', () => {
  let guarded: RunningService;
  beforeAll(async () => {
    guarded = await startTestService({ REDIS_URL: redisServer.url, ALLOW_PRIVATE_SOURCES: 'false', ROLE: 'gateway' });
  });
  afterAll(async () => {
    await guarded.stop();
  });

  it('refuses a callback on a private address unless private addresses are allowed', async () => {
    const fields = { 'hub.mode': 'subscribe', 'hub.topic': `http://localhost:${guarded.port}/feeds/all/all.atom`, 'hub.callback': 'http://127.0.0.1:9/callback' };
    const refused = await hubRequest(guarded, fields);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const metadata = await hubRequest(guarded, { ...fields, 'hub.callback': 'http://169.254.169.254/latest/meta-data' });
    expect(metadata.status).toBe(403);
  });
});
