/**
 * Hostile feeds through the real poll path (a local HTTP server, this file's own redis-server):
 * whatever a feed holds, what is stored stays bounded in size, count and characters.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollSource } from '../../../src/ingestion/poll/poll-source.ts';
import { HEADLINE_LIMITS } from '../../../src/protocol/headline-limits.ts';
import type { RawStreamEntry } from '../../../src/streams/serialise.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startHttpServer, type TestHttpServer } from '../../helpers/http-server.ts';
import { pollDeps } from '../../helpers/poll-deps.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { oneSource } from '../../helpers/sources.ts';

const privateRedis = usePrivateRedis();
let http: TestHttpServer;

beforeAll(async () => {
  http = await startHttpServer();
});
afterAll(async () => {
  await http.close();
});

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An RSS 2.0 feed of `count` items, item i published i minutes after a fixed start (newest first). */
function rss(count: number, options: { language?: string; item?: (index: number) => string } = {}): string {
  const start = Date.parse('2026-11-29T00:00:00Z');
  const items: string[] = [];
  for (let index = count - 1; index >= 0; index -= 1) {
    const extra = options.item?.(index) ?? '';
    items.push(
      `<item><guid isPermaLink="false">item-${index}</guid><title>Item ${index}</title><link>https://news.example.org/${index}</link>` +
        `<pubDate>${new Date(start + index * 60_000).toUTCString()}</pubDate>${extra}</item>`,
    );
  }
  const language = options.language === undefined ? '' : `<language>${options.language}</language>`;
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Hostile</title><link>https://news.example.org/</link>${language}${items.join('')}</channel></rss>`;
}

function serve(path: string, body: string): string {
  http.route(path, (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' }).end(body));
  return `${http.url}${path}`;
}

/** The JSON of every headline in the all-stream, as stored. */
async function storedJson(): Promise<string[]> {
  const entries = (await privateRedis.redis.xrange(keys.allStream, '-', '+')) as RawStreamEntry[];
  return entries.map(([, fields]) => fields[fields.indexOf('h') + 1] ?? '');
}

describe('feed fields copied into headlines', () => {
  it('a 1 MB <language> on a feed of 100 items stores 100 small headlines in the source language', async () => {
    const url = serve('/huge-language.xml', rss(100, { language: 'x'.repeat(1024 * 1024) }));
    const source = oneSource({ id: 'huge-lang', name: 'Huge language', type: 'feed', url, lang: 'en' });
    expect(await pollSource(pollDeps(privateRedis.redis), source)).toMatchObject({ kind: 'stored', stored: 100 });
    const stored = await storedJson();
    expect(stored).toHaveLength(100);
    const bytes = stored.reduce((sum, json) => sum + Buffer.byteLength(json), 0);
    // Before the bound: 100 MB (the language copied onto each item). Each is now a few hundred bytes.
    expect(bytes).toBeLessThan(100 * 1024);
    for (const json of stored) expect((JSON.parse(json) as { lang?: string }).lang).toBe('en');
  });

  it('drops a language that is HTML or not a BCP 47 tag, and keeps a valid one in canonical case', async () => {
    const items = (index: number): string => (index === 0 ? '<dc:language>&lt;b&gt;en&lt;/b&gt;</dc:language>' : index === 1 ? '<dc:language>PT-br</dc:language>' : '');
    const feed = rss(3, { language: escapeXml('<script>x</script>'), item: items }).replace('<rss version="2.0">', '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">');
    const source = oneSource({ id: 'odd-lang', name: 'Odd language', type: 'feed', url: serve('/odd-language.xml', feed) });
    expect(await pollSource(pollDeps(privateRedis.redis), source)).toMatchObject({ kind: 'stored', stored: 3 });
    const langs = (await storedJson()).map((json) => (JSON.parse(json) as { title: string; lang?: string })).map(({ title, lang }) => [title, lang ?? null]);
    expect(langs).toEqual([
      ['Item 0', null],
      ['Item 1', 'pt-BR'],
      ['Item 2', null],
    ]);
  });

  it(`caps every stored headline at ${HEADLINE_LIMITS.storedJsonBytes} bytes of JSON, whatever the item holds`, async () => {
    // Wide characters (4 and 3 bytes in UTF-8) and quotes that JSON escapes: the per-field
    // character caps alone would allow more than the byte cap.
    const wide = '\u{1D54F}"\u6f22'.repeat(40_000);
    const feed = rss(5, { item: () => `<description>${wide}</description>` }).replace(/<title>Item (\d)<\/title>/g, `<title>$1 ${wide}</title>`);
    const source = oneSource({ id: 'wide', name: 'Wide', type: 'feed', url: serve('/wide.xml', feed) });
    expect(await pollSource(pollDeps(privateRedis.redis), source)).toMatchObject({ kind: 'stored', stored: 5 });
    for (const json of await storedJson()) {
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(HEADLINE_LIMITS.storedJsonBytes);
      const headline = JSON.parse(json) as { title: string; summary?: string };
      expect(Array.from(headline.title).length).toBeLessThanOrEqual(HEADLINE_LIMITS.titleChars);
      // The byte cap, not the character cap, is what cut the summary.
      expect(Array.from(headline.summary ?? '').length).toBeLessThan(HEADLINE_LIMITS.summaryChars);
    }
  });
});

describe('text from feeds is plain and free of spoofing characters', () => {
  it('strips controls, bidi overrides and isolates, zero-width characters and tags from titles and summaries', async () => {
    const hostile = 'Bank\u202Egnp.exe\u202C holds\u200B rates\u2066\u2069\uFEFF\u2060 &lt;b&gt;now&lt;/b&gt;\u0007';
    const feed = rss(1, { item: () => `<description>${hostile}</description>` }).replace('<title>Item 0</title>', `<title>${hostile}</title>`);
    const source = oneSource({ id: 'spoof', name: 'Spoof', type: 'feed', url: serve('/spoof.xml', feed) });
    expect(await pollSource(pollDeps(privateRedis.redis), source)).toMatchObject({ kind: 'stored', stored: 1 });
    const stored = (await storedJson()).map((json) => JSON.parse(json) as { title: string; summary?: string });
    expect(stored).toEqual([{ ...stored[0], title: 'Bankgnp.exe holds rates now' }]);
  });
});

describe('items per poll', () => {
  it('stores the newest 200 of a 1,000-item feed by default and counts the 800 left out', async () => {
    const source = oneSource({ id: 'flood', name: 'Flood', type: 'feed', url: serve('/flood.xml', rss(1000)) });
    const deps = pollDeps(privateRedis.redis);
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', items: 1000, stored: 200, leftOut: 800 });
    expect(await privateRedis.redis.xlen(keys.allStream)).toBe(200);
    const titles = (await storedJson()).map((json) => (JSON.parse(json) as { title: string }).title);
    expect(titles[0]).toBe('Item 800');
    expect(titles.at(-1)).toBe('Item 999');
    expect(await deps.state.get('flood')).toMatchObject({ itemsIngested: 200, itemsLeftOut: 800 });
  });

  it('takes maxItemsPerPoll from the source', async () => {
    const source = oneSource({ id: 'small', name: 'Small', type: 'feed', url: serve('/small.xml', rss(30)), maxItemsPerPoll: 5 });
    const deps = pollDeps(privateRedis.redis);
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'stored', stored: 5, leftOut: 25 });
    expect(await deps.state.get('small')).toMatchObject({ itemsLeftOut: 25 });
  });
});

describe('stacked Content-Encoding', () => {
  it('refuses 2,000 gzip layers on a 53 KB body at once, with FETCH_TOO_MANY_ENCODINGS recorded on the source', async () => {
    let body = Buffer.from(rss(300));
    for (let layer = 0; layer < 2000; layer += 1) body = gzipSync(body);
    http.route('/stacked.xml', (_req, res) => res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Encoding': Array(2000).fill('gzip').join(', ') }).end(body));
    const source = oneSource({ id: 'stacked', name: 'Stacked', type: 'feed', url: `${http.url}/stacked.xml` });
    const deps = pollDeps(privateRedis.redis);
    const cpuBefore = process.cpuUsage();
    expect(await pollSource(deps, source)).toMatchObject({ kind: 'failed', code: 'FETCH_TOO_MANY_ENCODINGS' });
    const cpu = process.cpuUsage(cpuBefore);
    // Decoding every layer cost about 19 s of CPU; refusing costs milliseconds. 2 s leaves room
    // for a loaded machine and still fails if even a few hundred layers were decoded.
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(2_000);
    expect(await deps.state.get('stacked')).toMatchObject({ lastError: { code: 'FETCH_TOO_MANY_ENCODINGS', message: expect.stringContaining('2000 stacked Content-Encodings') as unknown } });
  });
});
