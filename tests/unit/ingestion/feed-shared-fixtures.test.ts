/**
 * The real-world feeds in ../shared/fixtures (never copied into this repository). When that
 * folder is absent these tests are skipped; our own fixtures cover the same cases.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingestion/parse/feed.ts';
import type { ParsedDocument } from '../../../src/ingestion/parse/types.ts';

const dir = path.resolve(process.cwd(), '../shared/fixtures/feeds');
const present = existsSync(path.join(dir, 'MANIFEST.tsv'));
if (!present) console.log(`feed-shared-fixtures: skipped because ../shared/fixtures is absent (${dir})`);

interface ManifestRow {
  filename: string;
  format: string;
  itemCount: number | undefined;
}

function manifest(): ManifestRow[] {
  const [header, ...lines] = readFileSync(path.join(dir, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const columns = (header ?? '').split('\t');
  const at = (cells: string[], name: string): string => cells[columns.indexOf(name)] ?? '';
  return lines.map((line) => {
    const cells = line.split('\t');
    const count = Number(at(cells, 'item_count'));
    return { filename: at(cells, 'filename'), format: at(cells, 'format'), itemCount: Number.isInteger(count) ? count : undefined };
  });
}

const FEED_URL = 'https://feeds.example.org/path/feed.xml';
const parse = (name: string, baseUrl = FEED_URL, timezone = 'UTC'): ParsedDocument =>
  parseFeed(readFileSync(path.join(dir, name)), { baseUrl, timezone });

/** Rows whose items all lack both a title and a link: counted as skipped, not as items. */
const ALL_SKIPPED = new Set(['rss092_userland_sample_2001.xml']);
const FORMAT: Record<string, ParsedDocument['format']> = { rss2: 'rss', rss09: 'rss', rdf: 'rdf', atom: 'atom', jsonfeed: 'json' };

describe.skipIf(!present)('shared real-world feed fixtures', () => {
  const rows = present ? manifest() : [];

  it('the manifest lists the fixtures', () => {
    expect(rows.length).toBeGreaterThan(20);
  });

  for (const row of rows.filter((entry) => entry.itemCount !== undefined)) {
    it(`${row.filename}: ${row.itemCount} items as ${row.format}`, () => {
      const doc = parse(row.filename);
      expect(doc.format).toBe(FORMAT[row.format]);
      if (ALL_SKIPPED.has(row.filename)) {
        expect(doc.items).toHaveLength(0);
        expect(doc.skipped).toBe(row.itemCount);
      } else {
        expect(doc.items).toHaveLength(row.itemCount ?? -1);
        expect(doc.skipped).toBe(0);
      }
      for (const item of doc.items) {
        expect(item.publishedAt === null || (item.publishedAt instanceof Date && !Number.isNaN(item.publishedAt.getTime()))).toBe(true);
        if (item.url !== undefined && item.url !== null) expect(item.url).toMatch(/^https?:\/\//);
      }
    });
  }

  it('bad_stackoverflow_ctrlchars.atom: control characters are stripped and its one entry is read', () => {
    const doc = parse('bad_stackoverflow_ctrlchars.atom');
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0]?.title).toBe('Decode NMEA bytes received via external GPS bluetooth device');
    expect(doc.items[0]?.summary).toBeDefined();
    expect(doc.items[0]?.summary?.includes('\u000f')).toBe(false);
    expect(doc.items[0]?.summary?.includes('\u0010')).toBe(false);
  });

  it('quirk_pcmag_nested_items.xml: the illegally nested empty items do not count', () => {
    const doc = parse('quirk_pcmag_nested_items.xml');
    expect(doc.items.every((item) => typeof item.title === 'string' && item.title.length > 0)).toBe(true);
    expect(doc.items[0]?.title).toBe('My Professional Armchair Analysis of CES');
  });

  it('de_golem_iso-8859-1.xml: Latin-1 bytes decoded to umlauts', () => {
    const doc = parse('de_golem_iso-8859-1.xml');
    const text = doc.items.map((item) => `${item.title ?? ''} ${item.summary ?? ''}`).join(' ');
    expect(text).toContain('wünschen');
    expect(text).not.toContain('\ufffd');
    expect(text).not.toMatch(/Ã¼|Ã¤|Ã¶/);
  });

  it('pt_jn_ultimas_iso-8859-1.rss and pt_folha: Portuguese accents decoded', () => {
    expect(parse('pt_jn_ultimas_iso-8859-1.rss').items[0]?.title).toBe('Mãe de utente é a nova presidente da Raríssimas');
    expect(parse('pt_folha_rss091_iso-8859-1.rss').items.some((item) => /ç|ã/.test(item.summary ?? ''))).toBe(true);
  });

  it('en_economist_asia_2026.xml: padded CDATA titles come out trimmed', () => {
    const doc = parse('en_economist_asia_2026.xml');
    expect(doc.items[0]?.title).toBe('The flaws in India’s AI plans');
    expect(doc.items.every((item) => item.title === item.title?.trim())).toBe(true);
  });

  it('en_tpm_all_2017.atom: relative entry hrefs resolved against the feed URL', () => {
    const doc = parse('en_tpm_all_2017.atom', 'https://talkingpointsmemo.com/feed/all');
    expect(doc.items[0]?.url).toBe('https://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist');
    expect(doc.items.every((item) => item.url?.startsWith('https://talkingpointsmemo.com/') === true)).toBe(true);
  });

  it('rel_intertwingly_relative_hrefs.atom: relative hrefs resolved', () => {
    const doc = parse('rel_intertwingly_relative_hrefs.atom', 'http://intertwingly.net/blog/index.atom');
    expect(doc.items[0]?.url).toBe('http://intertwingly.net/blog/2012/07/16/Inhibiting-Suspend');
  });

  it('rel_neverwinter_relative_urls.xml: relative links and 2-digit-year dates', () => {
    const doc = parse('rel_neverwinter_relative_urls.xml', 'http://www.arcgames.com/en/games/neverwinter/news/rss');
    expect(doc.items[0]?.url).toBe('http://www.arcgames.com/en/games/neverwinter/news/detail/10743874-neverwinter-%26-jingle-jam-humble-bundle%21');
    // "Thu, 07 Dec 17 10:00:29 -0800"
    expect(doc.items[0]?.publishedAt).toEqual(new Date('2017-12-07T18:00:29Z'));
  });

  it('missing dates stay null (japantimes RSS, heise RSS 0.90)', () => {
    for (const name of ['en_japantimes_2017.xml', 'de_heise_online_rss090.rdf']) {
      const doc = parse(name);
      expect(doc.items.length).toBeGreaterThan(0);
      expect(doc.items.every((item) => item.publishedAt === null)).toBe(true);
    }
  });

  it('de_orf_news_2017.rdf: BOM, dc:date with offset', () => {
    const doc = parse('de_orf_news_2017.rdf');
    expect(doc.items[0]?.title).toBe('US-Band New Edition mit Stern auf „Walk of Fame“ geehrt');
    expect(doc.items[0]?.publishedAt).toEqual(new Date('2017-01-23T20:54:55Z'));
  });

  it('quirk_pcmag_nested_items.xml: EST zone abbreviation', () => {
    const dates = parse('quirk_pcmag_nested_items.xml').items.map((item) => item.publishedAt);
    // "Wed, 17 Jan 2018 15:50:00 EST"
    expect(dates[0]).toEqual(new Date('2018-01-17T20:50:00Z'));
    expect(dates.every((date) => date instanceof Date)).toBe(true);
  });

  it('fr_lemonde_une_2017.xml: stored mojibake is left as-is', () => {
    expect(parse('fr_lemonde_une_2017.xml').items[0]?.title).toContain('imputÃ');
  });
});
