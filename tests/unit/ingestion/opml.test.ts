/** OPML: a feed reader's export read leniently, our own export read back exactly, hostile XML refused. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseSources } from '../../../src/config/sources.ts';
import { idFromName, opmlToSources, sourcesToOpml } from '../../../src/ingestion/sources/opml.ts';
import { ValidationError } from '../../../src/shared/errors.ts';
import { thrownBy } from '../../helpers/errors.ts';

const readerExport = (): Promise<string> => readFile(new URL('../../fixtures/opml/feed-reader-export.opml', import.meta.url), 'utf8');

const refusal = (run: () => unknown): ValidationError => thrownBy(run, ValidationError);

describe('opmlToSources, a feed reader export', () => {
  it('reads every subscribed feed, folders flattened, with ids from names and only valid language tags', async () => {
    const candidates = opmlToSources(await readerExport());
    expect(candidates.map(({ source }) => [source.id, source.name, source.url, source.lang ?? null])).toEqual([
      ['bbc-news-world', 'BBC News - World', 'https://feeds.bbci.co.uk/news/world/rss.xml', null],
      ['al-jazeera-english', 'Al Jazeera English', 'https://www.aljazeera.com/xml/rss/all.xml', 'en'],
      ['deutsche-welle-english', 'Deutsche Welle (English)', 'https://rss.dw.com/rdf/rss-en-all', 'en-US'],
      ['ars-technica', 'Ars Technica', 'https://feeds.arstechnica.com/arstechnica/index', null],
      ['nature-latest-research', 'Nature – Latest Research', 'https://www.nature.com/nature.rss', null],
      ['hacker-news-front-page', 'Hacker News: Front Page', 'https://hnrss.org/frontpage?points=100&comments=25', null],
      ['oc-media', 'OC Media', 'https://oc-media.org/feed/', null],
      ['azadliq-radiosu', 'Azadlıq Radiosu', 'https://www.azadliq.org/api/zrqiteuuir', 'az'],
      // The same feed in a second place: the import skips it by its URL (see the integration test).
      ['bbc-world', 'BBC World', 'https://feeds.bbci.co.uk/news/world/rss.xml', null],
    ]);
    for (const { source, idGiven } of candidates) {
      expect(idGiven).toBe(false);
      expect(source).toMatchObject({ type: 'feed', intervalSeconds: 300, timezone: 'UTC', topics: [], regions: [], paused: false });
    }
  });

  it('makes ids of lower-case ASCII letters, digits and dashes from any name', () => {
    expect(['Deutsche Welle (English)', 'Azadlıq Radiosu', 'Le Monde — À la une', 'Große Nachrichten', '新闻', '  --  '].map(idFromName)).toEqual([
      'deutsche-welle-english',
      'azadliq-radiosu',
      'le-monde-a-la-une',
      'grosse-nachrichten',
      'source',
      'source',
    ]);
    expect(idFromName('x'.repeat(200))).toHaveLength(56);
  });
});

describe('our own export', () => {
  it('reads back as the same sources, every field included, and names our namespace', () => {
    const sources = parseSources([
      { id: 'wire', name: 'Wire & "Desk" <Night>', type: 'feed', url: 'https://example.com/feed.xml?a=1&b=2', intervalSeconds: 60, maxItemsPerPoll: 50, timezone: 'Asia/Baku', lang: 'az', topics: ['politics', 'economy'], regions: ['az', 'western-asia'], paused: true },
      { id: 'listing', name: 'Listing', type: 'page', url: 'https://caliber.az/en/latest', extraction: { kind: 'html', item: 'article', title: 'h2 a', link: 'h2 a', date: 'time', dateAttribute: 'datetime' } },
      { id: 'plain', name: 'Plain', type: 'feed', url: 'https://example.org/rss' },
    ]);
    const xml = sourcesToOpml(sources);
    expect(xml).toContain('<opml version="2.0" xmlns:nt="https://github.com/news-ticker/news-ticker#opml">');
    expect(xml).toMatch(/<outline text="Plain" type="rss" xmlUrl="https:\/\/example.org\/rss" title="Plain" nt:id="plain"/);
    const back = opmlToSources(xml);
    expect(back.map((candidate) => candidate.source)).toEqual(sources);
    expect(back.every((candidate) => candidate.idGiven)).toBe(true);
  });
});

describe('refused files', () => {
  it('refuses entity declarations, documents that are not OPML, and invalid outlines, naming each', () => {
    const laughs = '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><opml version="2.0"><body><outline text="&b;" xmlUrl="https://example.com/x"/></body></opml>';
    expect(refusal(() => opmlToSources(laughs)).message).toMatch(/entity/);
    expect(refusal(() => opmlToSources('<rss version="2.0"><channel/></rss>')).message).toBe('not OPML: the root element is <rss>');
    expect(refusal(() => opmlToSources('<opml version="2.0"><body><outline text="x"')).message).toMatch(/^not a readable OPML file: malformed XML/);
    const bad = refusal(() =>
      opmlToSources('<opml version="2.0"><body><outline text="Good" xmlUrl="https://example.com/a"/><outline text="Folder"><outline text="Bad" xmlUrl="not a url"/><outline text="Worse" xmlUrl="https://example.com/b" nt:intervalSeconds="1"/></outline></body></opml>'),
    );
    // "not a url" breaks two rules of the url field: one entry each.
    expect([...new Set((bad.details as { path: string }[]).map((detail) => detail.path))]).toEqual(['outline 2.1 (Bad).url', 'outline 2.2 (Worse).intervalSeconds']);
    expect(bad.message).toMatch(/^3 problem\(s\) in the OPML file; nothing was imported \(first: outline 2\.1 \(Bad\)\.url: /);
  });

  it('refuses folders nested past the bound and more sources than one import takes', () => {
    const deep = `<opml version="2.0"><body>${'<outline text="f">'.repeat(40)}<outline text="x" xmlUrl="https://example.com/x"/>${'</outline>'.repeat(40)}</body></opml>`;
    expect(refusal(() => opmlToSources(deep)).message).toMatch(/nested deeper than/);
    const many = `<opml version="2.0"><body>${Array.from({ length: 1001 }, (_, n) => `<outline text="f${n}" xmlUrl="https://example.com/${n}"/>`).join('')}</body></opml>`;
    expect(refusal(() => opmlToSources(many)).message).toMatch(/more than 1000 sources/);
  });
});
