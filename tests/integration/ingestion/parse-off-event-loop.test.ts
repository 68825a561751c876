/**
 * Parsing runs off the event loop: a ROLE=all service (as `npm start` runs it, in a child process)
 * polls a 40,000-deep nested-div page and a 1.5 MB text listing, and its own event-loop delay
 * (perf_hooks.monitorEventLoopDelay, read from /metrics) stays low while it does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { spawnService, type ChildService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const DEPTH = 40_000;
const deepPage = `<!doctype html><html><body>${'<div>'.repeat(DEPTH)}<div class="item"><h2>Deep</h2></div>${'</div>'.repeat(DEPTH)}</body></html>`;

/** About 1.5 MB of listing: title lines, each followed by a date line in the source's format. */
function textListing(): string {
  const lines: string[] = ['Latest news'];
  let length = 0;
  for (let index = 0; length < 1_500_000; index += 1) {
    const title = `Headline number ${index} about the markets and the weather in the capital`;
    const date = `${(index % 28) + 1} November 2026 - 10:${String(index % 60).padStart(2, '0')}`;
    lines.push(title, date);
    length += title.length + date.length + 2;
  }
  return lines.join('\n');
}

interface SourceView {
  id: string;
  fetches: number;
  lastError: { code: string } | null;
  lastSuccessAt: string | null;
}

let redisServer: TestRedis;
let http: TestHttpServer;
let dir: string;
let service: ChildService;

async function sources(): Promise<SourceView[]> {
  const body = (await (await fetch(`${service.url}/api/sources`)).json()) as { sources: SourceView[] };
  return body.sources;
}

/** The service's event-loop delay since the previous scrape (prom-client resets its histogram on each). */
async function eventLoopDelay(): Promise<{ p99Ms: number; maxMs: number }> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const read = (name: string): number => {
    const match = new RegExp(`^newsticker_nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(text);
    if (match?.[1] === undefined) throw new Error(`no event-loop ${name} in /metrics`);
    return Number(match[1]) * 1000;
  };
  return { p99Ms: read('p99'), maxMs: read('max') };
}

beforeAll(async () => {
  redisServer = await startTestRedis();
  http = await startHttpServer();
  http.route('/deep.html', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(deepPage));
  const listing = textListing();
  http.route('/listing.txt', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(listing));
  dir = await mkdtemp(join(tmpdir(), 'nt-parse-'));
  const file = join(dir, 'sources.json');
  await writeFile(
    file,
    JSON.stringify([
      { id: 'deep', name: 'Deep', type: 'page', url: `${http.url}/deep.html`, intervalSeconds: 10, extraction: { kind: 'html', item: 'div.item', title: 'h2' } },
      { id: 'listing', name: 'Listing', type: 'page', url: `${http.url}/listing.txt`, intervalSeconds: 10, extraction: { kind: 'text', startAfter: 'Latest news', dateFormat: 'd MMMM yyyy - HH:mm' } },
    ]),
  );
  service = await spawnService({ PORT: '0', REDIS_URL: redisServer.url, SOURCES_FILE: file, ROLE: 'all' });
}, 60_000);

afterAll(async () => {
  await service?.kill();
  await http?.close();
  await redisServer?.cleanup();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('parsing hostile pages with ROLE=all', () => {
  it('keeps the event loop responsive while the 40,000-deep page and the 1.5 MB listing are polled', async () => {
    // The first polls run at start-up; the window measured is the next poll of both sources.
    const first = await waitFor(async () => {
      const all = await sources();
      return all.every((source) => source.fetches >= 1) ? all : undefined;
    }, { timeoutMs: 60_000, what: 'a first poll of both sources' });
    await eventLoopDelay(); // resets the histogram
    const fetchesBefore = new Map(first.map((source) => [source.id, source.fetches]));
    const after = await waitFor(async () => {
      const all = await sources();
      return all.every((source) => source.fetches > (fetchesBefore.get(source.id) ?? 0)) ? all : undefined;
    }, { timeoutMs: 60_000, what: 'a second poll of both sources' });
    const delay = await eventLoopDelay();
    // Parsing on the loop held it for 88 s at p99 and 6.9 s (listing) to over a minute (deep
    // page) at worst; off it, the p99 is a few ms and the worst about 150 ms on a loaded
    // two-core machine. The bounds sit far from both, so they tell the two apart without
    // turning into a timing test that a busy machine fails (a 50 ms p99 bound did).
    expect(delay.p99Ms).toBeLessThan(500);
    expect(delay.maxMs).toBeLessThan(1_000);
    const byId = new Map(after.map((source) => [source.id, source]));
    // The deep page is refused before cheerio sees it, with a code that says why.
    expect(byId.get('deep')?.lastError?.code).toBe('HTML_TOO_COMPLEX');
    // The listing is either parsed or stopped by the time budget; either way off the loop.
    const listing = byId.get('listing');
    expect(listing?.lastError === null ? 'parsed' : listing?.lastError.code).toMatch(/^(parsed|PARSE_TIMEOUT)$/);
  }, 150_000);
});
