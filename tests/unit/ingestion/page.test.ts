import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractionSchema } from '../../../src/config/sources.ts';
import { parsePage } from '../../../src/ingestion/parse/page.ts';
import { ParseError } from '../../../src/shared/errors.ts';
import { thrownBy } from '../../helpers/errors.ts';

const ownFixtures = path.resolve(import.meta.dirname, '../../fixtures/pages');
const sharedDir = path.resolve(process.cwd(), '../shared/fixtures');
const caliber = path.join(sharedDir, 'caliber-az-article.txt');
const caliberPresent = existsSync(caliber);
if (!caliberPresent) console.log(`page.test: caliber fixture tests skipped because ../shared/fixtures is absent (${sharedDir})`);

const textExtraction = extractionSchema.parse({ kind: 'text', startAfter: 'Latest news', endBefore: 'All news', dateFormat: 'd MMMM yyyy - HH:mm' });

const parseError = (run: () => unknown): ParseError => thrownBy(run, ParseError);

describe('parsePage: text listings', () => {
  const body = readFileSync(path.join(ownFixtures, 'baku-listing.txt'));
  const options = { baseUrl: 'https://caspian.example/news', timezone: 'Asia/Baku', extraction: textExtraction };

  it('reads title, summary lines and the date line between the markers', () => {
    const doc = parsePage(body, options);
    expect(doc.format).toBe('page');
    expect(doc.skipped).toBe(0);
    expect(doc.items).toEqual([
      { title: 'Baku hosts regional conference on renewable energy', publishedAt: new Date('2025-03-03T17:15:00Z') },
      { title: 'Caspian caviar exports reach five-year high', publishedAt: new Date('2025-03-03T16:40:00Z') },
      {
        title: 'Why the Middle Corridor matters',
        summary: 'Trade routes between Asia and Europe\nAnalysis by our economics desk',
        publishedAt: new Date('2025-03-03T15:05:00Z'),
      },
      { title: 'Ganja football club signs Brazilian striker', publishedAt: new Date('2025-03-02T19:50:00Z') },
    ]);
    expect(doc.items.every((item) => item.url === undefined)).toBe(true);
  });

  it('reads the whole document without markers (navigation text above the first date becomes its summary)', () => {
    const extraction = extractionSchema.parse({ kind: 'text', dateFormat: 'd MMMM yyyy - HH:mm' });
    const doc = parsePage(body, { ...options, extraction });
    expect(doc.items).toHaveLength(5);
    expect(doc.items[0]?.title).toBe('Caspian Daily');
    expect(doc.items.at(-1)).toEqual({ title: 'All news', summary: 'More from Caspian Daily', publishedAt: new Date('2025-03-04T05:00:00Z') });
  });

  it('counts a trailing block without a date line as skipped', () => {
    const text = Buffer.from('Latest news\nFirst story\n1 May 2025 - 10:00\nDangling headline\nAll news\n');
    const doc = parsePage(text, options);
    expect(doc.items).toHaveLength(1);
    expect(doc.skipped).toBe(1);
  });

  it('fails clearly when the start marker is missing (the layout changed)', () => {
    const error = parseError(() => parsePage(Buffer.from('Nothing here\n'), options));
    expect(error.code).toBe('PARSE_FAILED');
    expect(error.message).toMatch(/Latest news/);
    expect(parseError(() => parsePage(Buffer.alloc(0), options)).message).toMatch(/empty/);
  });
});

describe.skipIf(!caliberPresent)('parsePage: the real caliber.az capture', () => {
  it('gives exactly its 40 latest-news headlines with UTC times and subtitle summaries', () => {
    const doc = parsePage(readFileSync(caliber), { baseUrl: 'https://caliber.az/', timezone: 'Asia/Baku', extraction: textExtraction });
    expect(doc.items).toHaveLength(40);
    expect(doc.skipped).toBe(0);
    expect(doc.items[0]?.title).toBe('Azerbaijan, Albania foster trade ties through business meeting in Baku');
    expect(doc.items[0]?.publishedAt).toEqual(new Date('2024-06-14T16:59:00.000Z'));
    const integration = doc.items.find((item) => item.title === 'The complexities of regional integration in Middle East');
    expect(integration?.summary).toBe('Tensions and opportunities');
    expect(integration?.publishedAt).toEqual(new Date('2024-06-14T15:07:00.000Z'));
    expect(doc.items.every((item) => item.publishedAt instanceof Date && item.url === undefined)).toBe(true);
  });
});

describe('parsePage: HTML listings', () => {
  const html = iconv.encode(readFileSync(path.join(ownFixtures, 'listing.html'), 'utf8'), 'windows-1251');
  const base = { baseUrl: 'https://steppe.example/latest/', timezone: 'Asia/Almaty' };

  it('reads items with selectors, resolving links and reading ISO dates from an attribute', () => {
    const extraction = extractionSchema.parse({ kind: 'html', item: 'li.story', title: '.headline', summary: '.lead', date: 'time', dateAttribute: 'datetime' });
    const doc = parsePage(html, { ...base, extraction });
    expect(doc.format).toBe('page');
    expect(doc.title).toBe('Steppe Herald - Latest');
    expect(doc.skipped).toBe(1); // the empty headline
    expect(doc.items).toEqual([
      { title: 'Grain harvest beats forecasts', url: 'https://steppe.example/2025/03/grain-harvest', summary: 'Farmers expect record exports.', publishedAt: new Date('2025-03-03T05:15:00Z') },
      { title: 'New rail link opens', url: 'https://steppe.example/2025/03/rail-link', publishedAt: null },
      { title: 'Story without a link', publishedAt: null },
    ]);
  });

  it('reads element text with a per-source date format in the source zone', () => {
    const extraction = extractionSchema.parse({ kind: 'html', item: 'li.story', title: '.headline', link: 'a', date: '.date', dateFormat: 'dd.MM.yyyy HH:mm' });
    const doc = parsePage(html, { ...base, extraction });
    expect(doc.items[1]).toEqual({ title: 'New rail link opens', url: 'https://steppe.example/2025/03/rail-link', publishedAt: new Date('2025-03-02T13:30:00Z') });
  });

  it('decodes the page by its meta charset', () => {
    const cyrillic = iconv.encode('<html><head><meta charset="windows-1251"></head><body><div class="n"><a href="/x">Новости</a></div></body></html>', 'windows-1251');
    const extraction = extractionSchema.parse({ kind: 'html', item: '.n', title: 'a' });
    expect(parsePage(cyrillic, { ...base, extraction }).items[0]?.title).toBe('Новости');
  });

  it('fails clearly when the item selector matches nothing', () => {
    const extraction = extractionSchema.parse({ kind: 'html', item: 'article.missing', title: 'h2' });
    expect(parseError(() => parsePage(html, { ...base, extraction })).message).toMatch(/article\.missing/);
  });
});
