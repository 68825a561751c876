/**
 * Browser-test harness: the real service in-process on a private Redis, host pages served from
 * another origin (`http://localhost:PORT` against the service's `http://127.0.0.1:PORT`), and
 * Debian's Chromium driven by playwright-core. Nothing here fakes the gateway.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DestinationStream } from 'pino';
import type { RunningService } from '../../src/app/service.ts';
import type { Headline } from '../../src/protocol/events.ts';
import { startTestRedis, type TestRedis } from '../helpers/redis-server.ts';
import { startTestService, TEST_API_KEY, TEST_EDITOR_KEY } from '../helpers/service.ts';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) console.warn(`browser tests skipped: no Chromium at ${CHROMIUM_PATH} (CI installs it; apt-get install chromium)`);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
}

export interface HostPage {
  body: string;
  type?: string;
  headers?: OutgoingHttpHeaders;
}

export interface HostServer {
  /** Origin of the host pages: not the service's origin. */
  readonly origin: string;
  set(path: string, page: HostPage): void;
  close(): Promise<void>;
}

export async function startHostServer(): Promise<HostServer> {
  const pages = new Map<string, HostPage>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const page = pages.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (page === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': page.type ?? 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers }).end(page.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    set: (path, page) => pages.set(path, page),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Stack {
  readonly redis: TestRedis;
  readonly service: RunningService;
  readonly host: HostServer;
  readonly browser: Browser;
  stop(): Promise<void>;
}

/**
 * `env(hostOrigin)`: extra service settings that may name the host pages' origin (ALLOWED_ORIGINS,
 * DASHBOARD_FRAME_ANCESTORS); `logs`: receives the service's log lines; `sources`: seeds the store.
 * What opened is closed in the reverse order of opening (the browser before the service it talks
 * to, Redis last), also when a later one fails to open, and every one even when one fails to
 * close, so no redis-server or Chromium is left behind; stop() then rejects with the first failure.
 */
export async function startStack(env: (hostOrigin: string) => Record<string, string> = () => ({}), logs?: DestinationStream, sources: unknown[] = []): Promise<Stack> {
  const opened: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const close of opened.splice(0).reverse()) await close().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  };
  const open = async <T>(start: () => Promise<T>, close: (thing: T) => Promise<void>): Promise<T> => {
    const thing = await start();
    opened.push(() => close(thing));
    return thing;
  };
  try {
    const redis = await open(() => startTestRedis(), (server) => server.cleanup());
    const host = await open(() => startHostServer(), (server) => server.close());
    const service = await open(() => startTestService({ REDIS_URL: redis.url, ...env(host.origin) }, sources, logs), (running) => running.stop());
    const browser = await open(() => launchChromium(), (chromium) => chromium.close());
    return { redis, service, host, browser, stop };
  } catch (error) {
    await stop().catch(() => undefined); // the failure to open is the one to report
    throw error;
  }
}

export interface PublishInput {
  title: string;
  publishedAt?: string;
  url?: string;
  topics: string[];
  regions: string[];
  lang?: string;
  source?: { id: string; name: string };
  priority?: 'normal' | 'breaking';
}

/** Publishes through the real API; answers the stored headlines in input order. */
export async function publish(service: RunningService, items: PublishInput[]): Promise<Headline[]> {
  const body = items.map((item) => ({ source: { id: 'test-wire', name: 'Test Wire' }, publishedAt: new Date().toISOString(), ...item }));
  const response = await fetch(`${service.url}/api/headlines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`publish failed: ${response.status} ${await response.text()}`);
  const { results } = (await response.json()) as { results: { id: string; duplicate: boolean; headline: Headline }[] };
  return results.map((result) => result.headline);
}

/** Corrects (PATCH) or retracts (DELETE) a headline through the real editorial API, with the test editor's key. */
export async function edit(service: RunningService, method: 'PATCH' | 'DELETE', id: string, body: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${service.url}/api/headlines/${id}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_EDITOR_KEY}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${id} failed: ${response.status} ${await response.text()}`);
}

/** A host page that embeds the widget with a script tag. */
export function embedPage(service: RunningService, attributes: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>${head}</head>
<body><h1>Host page</h1><p id="before">Before the ticker.</p>
<script src="${service.url}/widget.js" async ${attributes}></script>
<p id="after">After the ticker.</p></body></html>`;
}

/** Collects the service's log lines (JSON) for tests that assert what it logged. */
export function logCollector(): DestinationStream & { lines: () => Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  return {
    write: (line: string) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    },
    lines: () => lines,
  };
}

/** The ticker's connection state (data-state on its root), or null before it exists. */
export function tickerState(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector<HTMLElement>('.nt')?.dataset.state ?? null);
}

export async function waitForLive(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('news-ticker')?.shadowRoot?.querySelector<HTMLElement>('.nt')?.dataset.state === 'live', null, {
    timeout: 10_000,
  });
}

/** Titles of the headline items in the ticker, in DOM order. */
export function tickerTitles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelector('news-ticker')?.shadowRoot?.querySelectorAll('.item .title') ?? []).map((node) => node.textContent),
  );
}

/** The crawl track's current transform as the page sees it. */
export function trackTransform(page: Page): Promise<string> {
  return page.evaluate(() => {
    const track = document.querySelector('news-ticker')?.shadowRoot?.querySelector('.track');
    return track === null || track === undefined ? 'missing' : getComputedStyle(track).transform;
  });
}

/** Reads from the shadow root of the page's (first) ticker; `read` runs in the page, so it may use only its argument. */
export function inTicker<T>(page: Page, read: (root: ShadowRoot) => T): Promise<T> {
  return page.evaluate<T>(`(${read.toString()})(document.querySelector('news-ticker').shadowRoot)`);
}
