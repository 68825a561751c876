/**
 * Deleting a push-subscribed source ends its subscription: the hub the feed names is sent
 * `hub.mode=unsubscribe` for the topic and our callback, pushes to the old callback are refused
 * and store nothing, and the subscription state is forgotten. A hub that does not answer holds
 * up nothing: the delete is answered at once, and the failure is logged and counted.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_EDITOR_KEY } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';
import { expectedSignature } from '../../helpers/websub-subscriber.ts';

/** The outbound deadline for hub requests (min(10 s, FETCH_TIMEOUT_MS)). */
const HUB_TIMEOUT_MS = 1_500;

interface HubRequest {
  mode: string;
  topic: string;
  callback: string;
  secret: string | undefined;
  res: ServerResponse;
}

let redisServer: TestRedis;
let redis: Redis;
let service: RunningService;
let web: TestHttpServer;
const hubRequests: HubRequest[] = [];
const logLines: string[] = [];
/** While true the hub takes unsubscribe requests and never answers them. */
let hubHangs = false;

function topic(sourceId: string): string {
  return `${web.url}/feeds/${sourceId}.atom`;
}

function atom(sourceId: string, title: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:${sourceId}</id><title>${sourceId}</title><updated>2026-12-07T10:00:00Z</updated>
<link rel="self" href="${topic(sourceId)}"/><link rel="hub" href="${web.url}/hub"/>
<entry><id>urn:${sourceId}:${encodeURIComponent(title)}</id><title>${title}</title><updated>2026-12-07T10:00:00Z</updated><link href="https://publisher.example/${encodeURIComponent(title)}"/></entry></feed>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The hub's verification of intent (W3C WebSub §5.3), sent to our callback. */
async function verify(request: HubRequest): Promise<{ status: number; echoed: boolean }> {
  const challenge = `challenge-${hubRequests.indexOf(request)}`;
  const url = new URL(request.callback);
  url.searchParams.set('hub.mode', request.mode);
  url.searchParams.set('hub.topic', request.topic);
  url.searchParams.set('hub.challenge', challenge);
  if (request.mode === 'subscribe') url.searchParams.set('hub.lease_seconds', '3600');
  const answer = await fetch(url);
  return { status: answer.status, echoed: (await answer.text()) === challenge };
}

/** A hub as the spec has it: 202 for each request, then (for a subscribe) the verification. */
function hub(req: IncomingMessage, res: ServerResponse): void {
  void readForm(req).then(async (form) => {
    const request: HubRequest = {
      mode: form.get('hub.mode') ?? '',
      topic: form.get('hub.topic') ?? '',
      callback: form.get('hub.callback') ?? '',
      secret: form.get('hub.secret') ?? undefined,
      res,
    };
    hubRequests.push(request);
    if (request.mode === 'unsubscribe' && hubHangs) return;
    res.writeHead(202).end();
    // Unsubscribes are verified by the test, so it can push in between.
    if (request.mode === 'subscribe') await verify(request);
  });
}

function find(mode: string, sourceId: string): HubRequest | undefined {
  return hubRequests.find((request) => request.mode === mode && request.topic === topic(sourceId));
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function push(callback: string, secret: string, body: string): Promise<number> {
  const response = await fetch(callback, { method: 'POST', headers: { 'content-type': 'application/atom+xml', 'x-hub-signature': expectedSignature(secret, body) }, body });
  return response.status;
}

async function storedTitles(): Promise<string[]> {
  const body = (await (await fetch(`${service.url}/api/headlines?limit=50`)).json()) as { headlines: { title: string }[] };
  return body.headlines.map((headline) => headline.title);
}

async function metric(pattern: RegExp): Promise<number> {
  return Number(pattern.exec(await (await fetch(`${service.url}/metrics`)).text())?.[1] ?? 0);
}

/** Adds a source whose feed names our hub and waits until its subscription is verified. */
async function pushSource(sourceId: string): Promise<HubRequest> {
  web.route(`/feeds/${sourceId}.atom`, (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(atom(sourceId, `${sourceId} polled`)));
  const created = await api('POST', '/api/sources', { id: sourceId, name: sourceId, type: 'feed', url: topic(sourceId), intervalSeconds: 3600, timezone: 'UTC' });
  expect(created.status).toBe(201);
  const subscribe = await waitFor(() => find('subscribe', sourceId), { what: `the subscribe request for ${sourceId}` });
  await waitFor(async () => ((await redis.hget(keys.pushState(sourceId), 'status')) === 'active' ? true : undefined), { what: `${sourceId}'s subscription verified` });
  return subscribe;
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  redis = new Redis(redisServer.url);
  web = await startHttpServer();
  web.route('/hub', hub);
  service = await startTestService({ REDIS_URL: redisServer.url, FETCH_TIMEOUT_MS: String(HUB_TIMEOUT_MS) }, [], { write: (line: string) => void logLines.push(line) });
});
afterAll(async () => {
  await service.stop();
  await web.close();
  redis.disconnect();
  await redisServer.cleanup();
});

describe('deleting a push-subscribed source', () => {
  it('unsubscribes from its hub, refuses pushes to the old callback and forgets the subscription', async () => {
    const subscribe = await pushSource('pushed');
    const secret = subscribe.secret ?? '';
    expect(subscribe.callback).toBe(`http://localhost:${service.port}/websub/callback/pushed`);
    // The callback works before the delete, so the refusals below are the delete's doing.
    expect(await push(subscribe.callback, secret, atom('pushed', 'Pushed before the delete'))).toBe(204);
    await waitFor(async () => ((await storedTitles()).includes('Pushed before the delete') ? true : undefined), { what: 'the first push stored' });

    expect((await api('DELETE', '/api/sources/pushed', { reason: 'desk closed' })).status).toBe(200);
    const unsubscribe = await waitFor(() => find('unsubscribe', 'pushed'), { what: 'the unsubscribe request at the hub' });
    expect(unsubscribe).toMatchObject({ mode: 'unsubscribe', topic: topic('pushed'), callback: subscribe.callback });

    // Before the hub has verified: refused with 410 Gone (the hub may end the subscription on it).
    expect(await push(subscribe.callback, secret, atom('pushed', 'Pushed after the delete'))).toBe(410);
    expect(await verify(unsubscribe)).toEqual({ status: 200, echoed: true });
    expect(await redis.exists(keys.pushState('pushed'))).toBe(0);
    // After it: we hold no subscription for the source at all.
    expect(await push(subscribe.callback, secret, atom('pushed', 'Pushed after the unsubscribe'))).toBe(404);
    const titles = await storedTitles();
    expect(titles).not.toContain('Pushed after the delete');
    expect(titles).not.toContain('Pushed after the unsubscribe');
  });

  it('answers the delete at once when the hub does not answer, then logs and counts the failure and forgets the subscription', async () => {
    const subscribe = await pushSource('stalled');
    hubHangs = true;
    try {
      const before = await metric(/^newsticker_errors_total\{component="websub-subscriber",code="FETCH_TIMEOUT"\} (\d+)/m);
      expect((await api('DELETE', '/api/sources/stalled')).status).toBe(200);
      const unsubscribe = await waitFor(() => find('unsubscribe', 'stalled'), { what: 'the unsubscribe request at the hub' });
      // The delete was answered while the hub still holds the request: it did not wait for the hub.
      expect(unsubscribe.res.writableEnded).toBe(false);
      expect(unsubscribe.res.socket?.destroyed).toBe(false);
      expect(await push(subscribe.callback, subscribe.secret ?? '', atom('stalled', 'Pushed while the hub stalls'))).toBe(410);

      const line = await waitFor(() => logLines.find((entry) => entry.includes('unsubscribe of a deleted source failed')), { timeoutMs: HUB_TIMEOUT_MS + 5_000, what: 'the failure logged' });
      expect(JSON.parse(line)).toMatchObject({ level: 40, source: 'stalled', code: 'FETCH_TIMEOUT' });
      expect(await metric(/^newsticker_errors_total\{component="websub-subscriber",code="FETCH_TIMEOUT"\} (\d+)/m)).toBe(before + 1);
      await waitFor(async () => ((await redis.exists(keys.pushState('stalled'))) === 0 ? true : undefined), { what: 'the subscription state forgotten' });
      expect(await push(subscribe.callback, subscribe.secret ?? '', atom('stalled', 'Pushed after the timeout'))).toBe(404);
      expect(await storedTitles()).not.toContain('Pushed while the hub stalls');
    } finally {
      hubHangs = false;
    }
  });
});
