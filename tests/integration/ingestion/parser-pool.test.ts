/** The parser pool: real worker threads, a time budget per parse, and a stopped thread replaced. */
import { afterAll, describe, expect, it } from 'vitest';
import { ParserPool } from '../../../src/ingestion/parse/parser-pool.ts';
import { pollSource } from '../../../src/ingestion/poll/poll-source.ts';
import { startHttpServer } from '../../helpers/http-server.ts';
import { pollDeps } from '../../helpers/poll-deps.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { oneSource } from '../../helpers/sources.ts';

const privateRedis = usePrivateRedis();
// One second is far below what 100,000 listing items (4 MB) take to parse, and far above a
// one-item listing, even on a loaded machine.
const pool = new ParserPool({ threads: 1, timeBudgetMs: 1_000 });
const HOSTILE_ITEMS = 100_000;
const roomy = new ParserPool({ threads: 1, timeBudgetMs: 10_000 });
afterAll(async () => {
  await Promise.all([pool.close(), roomy.close()]);
});

const extraction = { kind: 'text', dateFormat: 'd MMMM yyyy - HH:mm', dateLocale: 'en' } as const;
const task = (text: string) => ({ kind: 'page', body: Buffer.from(text), baseUrl: 'https://example.org/', timezone: 'UTC', extraction, maxItems: 200 }) as const;
/** Item i is dated i minutes after 1 November 2026 00:00, so a higher index is newer. */
const listing = (lines: number): string =>
  Array.from({ length: lines }, (_, index) => {
    const pad = (value: number): string => String(value).padStart(2, '0');
    return `Headline ${index}\n${1 + Math.floor(index / 1440) % 28} November 2026 - ${pad(Math.floor(index / 60) % 24)}:${pad(index % 60)}`;
  }).join('\n');

describe('ParserPool', () => {
  it('parses in a worker thread, in storage order, cut to maxItems', async () => {
    const parsed = await roomy.parse({ ...task(listing(300)), maxItems: 5 });
    expect(parsed).toMatchObject({ found: 300, leftOut: 295, skipped: 0 });
    expect(parsed.items.map((item) => item.title)).toEqual(['Headline 295', 'Headline 296', 'Headline 297', 'Headline 298', 'Headline 299']);
  });

  it('fails a parse past its budget with PARSE_TIMEOUT, stops its thread, and parses on in a new one', async () => {
    await pool.parse(task(listing(1)));
    const [before] = pool.threadIds;
    await expect(pool.parse(task(listing(HOSTILE_ITEMS)))).rejects.toMatchObject({ code: 'PARSE_TIMEOUT', message: expect.stringMatching(/longer than 1000 ms/) as unknown });
    await pool.parse(task(listing(1)));
    expect(pool.threadIds).toHaveLength(1);
    expect(pool.threadIds[0]).not.toBe(before);
  });

  it('shows PARSE_TIMEOUT as the source error at /api/sources', async () => {
    const http = await startHttpServer();
    try {
      http.route('/slow.txt', (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end(listing(HOSTILE_ITEMS)));
      const source = oneSource({ id: 'slow', name: 'Slow', type: 'page', url: `${http.url}/slow.txt`, extraction });
      const deps = { ...pollDeps(privateRedis.redis), parser: pool };
      expect(await pollSource(deps, source)).toMatchObject({ kind: 'failed', code: 'PARSE_TIMEOUT' });
      expect(await deps.state.get('slow')).toMatchObject({ lastError: { code: 'PARSE_TIMEOUT' } });
    } finally {
      await http.close();
    }
  });
});
