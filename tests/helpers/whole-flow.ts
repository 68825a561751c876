/**
 * The whole flow against a running service, as readers and a newsroom see it: a poll of a local
 * feed by the worker, publishing, a Socket.IO client that goes away and resumes with `since`
 * while a correction and a retraction happen, REST history with `since`, a feed, and a WebSub
 * subscription with a delivery. Run on a standalone Redis (tests/integration/app/redis-keys)
 * and on a Redis Cluster (tests/cluster). REST reads are awaited, not read once: on a Cluster
 * they may come from a replica, a few milliseconds behind.
 */
import { expect } from 'vitest';
import type { RunningService } from '../../src/app/service.ts';
import type { Headline, HeadlineChange } from '../../src/protocol/events.ts';
import { startHttpServer, withEtag, type TestHttpServer } from './http-server.ts';
import { TEST_API_KEY, TEST_EDITOR_KEY } from './service.ts';
import { createClient } from './socket-client.ts';
import { waitFor } from './wait.ts';
import { startSubscriber } from './websub-subscriber.ts';

const CHANNEL = 'politics/az';
export const FEED_TITLES = ['Parliament in Baku opens its autumn session', 'Baku coalition talks resume'];

export interface FlowFeed {
  /** The sources-file entry that polls the feed (politics, az). */
  readonly source: Record<string, unknown>;
  close(): Promise<void>;
}

function rssFeed(titles: readonly string[]): string {
  const items = titles.map((title, index) => `<item><guid>wire-${index}</guid><title>${title}</title><link>https://wire.example/${index}</link></item>`);
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>${items.join('')}</channel></rss>`;
}

export async function startFlowFeed(): Promise<FlowFeed> {
  const server: TestHttpServer = await startHttpServer();
  server.route('/wire.xml', withEtag(rssFeed(FEED_TITLES), 'application/rss+xml'));
  return {
    source: { id: 'wire', name: 'Wire', type: 'feed', url: `${server.url}/wire.xml`, intervalSeconds: 600, topics: ['politics'], regions: ['az'] },
    close: () => server.close(),
  };
}

export interface PublishReply {
  status: number;
  /** The headline's id when it was stored or found a duplicate. */
  id?: string;
  error?: { code: string; message: string; details?: { ids?: string[] } };
}

/** POST /api/headlines of one headline. */
export async function publishHeadline(baseUrl: string, title: string, tags = { topics: ['politics'], regions: ['az'] }): Promise<PublishReply> {
  const response = await fetch(`${baseUrl}/api/headlines`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title, url: `https://example.com/${encodeURIComponent(title)}`, source: { id: 'desk', name: 'Desk' }, ...tags }),
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await response.json()) as { results?: { id: string }[]; error?: PublishReply['error'] };
  const id = body.results?.[0]?.id;
  return { status: response.status, ...(id === undefined ? {} : { id }), ...(body.error === undefined ? {} : { error: body.error }) };
}

async function stored(baseUrl: string, title: string): Promise<string> {
  const { status, id } = await publishHeadline(baseUrl, title);
  expect(status).toBe(201);
  if (id === undefined) throw new Error(`no id for "${title}"`);
  return id;
}

async function editorial(baseUrl: string, method: 'PATCH' | 'DELETE', id: string, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/api/headlines/${id}`, {
    method,
    headers: { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

interface HistoryReply {
  headlines: (Headline & { retracted?: boolean })[];
  changes?: HeadlineChange[];
}

/** GET `path` until `accept` takes the JSON reply (a replica may be a little behind). */
async function readUntil<T>(baseUrl: string, path: string, accept: (reply: T) => boolean, what: string): Promise<T> {
  return waitFor(
    async () => {
      const response = await fetch(`${baseUrl}${path}`);
      if (response.status !== 200) return undefined;
      const reply = (await response.json()) as T;
      return accept(reply) ? reply : undefined;
    },
    { timeoutMs: 30_000, what },
  );
}

export async function runWholeFlow(service: RunningService): Promise<void> {
  const base = service.url;
  const titles = (reply: HistoryReply): string[] => reply.headlines.map((headline) => headline.title);
  await readUntil<HistoryReply>(base, `/api/headlines?channel=${CHANNEL}`, (reply) => FEED_TITLES.every((title) => titles(reply).includes(title)), 'the poll of the local feed');

  const subscriber = await startSubscriber();
  const first = createClient(base, { channels: [CHANNEL], reconnection: false });
  try {
    const hub = await fetch(`${base}/websub`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.topic': `http://localhost:${service.port}/feeds/politics/az.json`, 'hub.callback': subscriber.callback }).toString(),
    });
    expect(hub.status).toBe(202);
    await waitFor(() => subscriber.verifications.length > 0, { what: 'verification of intent' });
    await waitFor(() => first.acks[0]?.ok === true, { what: 'the first client subscribed' });

    const live = await stored(base, 'Live from the Baku session');
    await waitFor(() => first.received.some((headline) => headline.id === live), { what: 'the live headline' });
    const cursor = first.lastId();
    first.close();

    // While the client is away: two headlines, a correction of one, a retraction of the live one.
    const missed = [await stored(base, 'Missed: budget vote in Baku'), await stored(base, 'Missed: minister resigns in Baku')];
    await editorial(base, 'PATCH', missed[0] ?? '', { title: 'Missed: budget vote in Baku postponed' });
    await editorial(base, 'DELETE', live, { reason: 'published in error' });

    const resumed = createClient(base, { channels: [CHANNEL], ...(cursor === undefined ? {} : { since: cursor }), reconnection: false });
    try {
      const ack = await waitFor(() => resumed.acks[0], { what: 'the resume ack' });
      expect(ack.ok && ack.recovered).toBe(true);
      expect(resumed.received.map((headline) => headline.id)).toEqual(missed);
      expect(resumed.changes.map((change) => change.type)).toEqual(['update', 'retract']);
    } finally {
      resumed.close();
    }

    const since = await readUntil<HistoryReply>(base, `/api/headlines?channel=${CHANNEL}&since=${cursor ?? '0-0'}`, (reply) => (reply.changes ?? []).length === 2, 'REST history after the cursor');
    expect(titles(since)).toEqual(['Missed: budget vote in Baku postponed', 'Missed: minister resigns in Baku']);
    await readUntil<{ items: { title: string }[] }>(base, '/feeds/politics/az.json', (feed) => feed.items.some((item) => item.title === 'Missed: budget vote in Baku postponed'), 'the corrected headline in the feed');
    await waitFor(() => subscriber.deliveries.length > 0, { timeoutMs: 30_000, what: 'a WebSub delivery of the channel feed' });
  } finally {
    first.close();
    await subscriber.close();
  }
}
