import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingestion/parse/feed.ts';
import { ParseError } from '../../../src/shared/errors.ts';
import { thrownBy } from '../../helpers/errors.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/feeds');
const fixture = (name: string): Buffer => readFileSync(path.join(fixtures, name));
const options = { baseUrl: 'https://city.example/feeds/main.xml', timezone: 'Asia/Baku' };

const parseError = (run: () => unknown): ParseError => thrownBy(run, ParseError);

describe('parseFeed: formats', () => {
  it('reads RSS 0.91 with a Netscape DOCTYPE (no entity declarations) and HTML entities', () => {
    const doc = parseFeed(fixture('rss091.xml'), options);
    expect(doc.format).toBe('rss');
    expect(doc.title).toBe('Harbour Gazette');
    expect(doc.items.map((item) => item.title)).toEqual([
      'Ferry timetable changes for the winter season',
      'Café on the quay reopens',
      'Lighthouse restoration finished',
    ]);
    expect(doc.items[0]?.summary).toBe('Fewer crossings from November & a new late boat.');
    expect(doc.items[0]?.lang).toBe('en-GB');
    expect(doc.items.every((item) => item.publishedAt === null)).toBe(true);
  });

  it('reads RSS 0.90 (my.netscape.com RDF namespace)', () => {
    const doc = parseFeed(fixture('rss090.rdf'), options);
    expect(doc.format).toBe('rdf');
    expect(doc.items).toHaveLength(2);
    expect(doc.items[0]).toMatchObject({ title: 'Bridge over the river reopens to traffic', url: 'https://valley.example/bridge', publishedAt: null });
  });

  it('reads RSS 1.0 (RDF) with dc:date, rdf:about as guid and dc:language', () => {
    const doc = parseFeed(fixture('rss10.rdf'), options);
    expect(doc.format).toBe('rdf');
    expect(doc.title).toBe('Alpine Courier');
    expect(doc.items).toHaveLength(3);
    expect(doc.items[0]).toMatchObject({ guid: 'https://alpine.example/stories/1/', lang: 'de', summary: 'The road will stay closed until Friday.' });
    expect(doc.items[0]?.publishedAt).toEqual(new Date('2024-03-05T06:30:00Z'));
    // No offset: read in the source zone (Asia/Baku, +04:00).
    expect(doc.items[1]?.publishedAt).toEqual(new Date('2024-03-04T14:00:00Z'));
    expect(doc.items[2]?.publishedAt).toBeNull();
  });

  it('reads RSS 2.0 quirks: blank line before the prolog, comment and stylesheet PI, padded CDATA, relative links', () => {
    const doc = parseFeed(fixture('rss20-quirks.xml'), options);
    expect(doc.format).toBe('rss');
    expect(doc.title).toBe('City Desk');
    expect(doc.skipped).toBe(1); // the item with neither title nor link
    const [tram, market, archive, unreadable, fish] = doc.items;
    expect(doc.items).toHaveLength(5);
    expect(tram).toMatchObject({
      title: 'Council approves new tram line <b>after</b> long debate',
      url: 'https://city.example/news/2024/tram-line',
      summary: '<p>The vote was <em>31 to 20</em>.</p>',
      guid: 'city-desk-1001',
    });
    expect(tram?.publishedAt).toEqual(new Date('2024-06-14T16:59:00Z'));
    // A permalink guid stands in for the missing <link>; "EST" and a 2-digit year are understood.
    expect(market).toMatchObject({ url: 'https://city.example/news/market-hall' });
    expect(market?.publishedAt).toEqual(new Date('2024-06-13T14:15:00Z'));
    // xml:base on the item wins over the feed URL; no offset means the source zone.
    expect(archive?.url).toBe('https://archive.city.example/2023/old-story.html');
    expect(archive?.publishedAt).toEqual(new Date('2024-06-12T06:00:00Z'));
    expect(unreadable?.publishedAt).toBeNull();
    expect(fish).toMatchObject({ title: 'Fish & chips shop wins award', url: 'https://city.example/news/fish?id=1&ref=rss' });
    expect(fish?.publishedAt).toEqual(new Date('2024-06-10T08:00:00Z'));
  });

  it('reads Atom 1.0: rel=alternate preferred, relative hrefs resolved against the feed URL, id as permalink', () => {
    const doc = parseFeed(fixture('atom-relative.atom'), options);
    expect(doc.format).toBe('atom');
    expect(doc.title).toBe('Ridge Observer');
    expect(doc.items.map((item) => item.url)).toEqual([
      'https://city.example/2024/05/wildfire-season',
      'https://city.example/2024/05/volunteers',
      'https://ridge.example/2024/04/id-only',
    ]);
    expect(doc.items[0]).toMatchObject({ guid: 'tag:ridge.example,2024:1', summary: 'Crews are on standby.', lang: 'en' });
    expect(doc.items[0]?.publishedAt).toEqual(new Date('2024-05-02T16:00:00Z')); // published, not updated
    expect(doc.items[1]?.publishedAt).toEqual(new Date('2024-05-01T12:00:00Z')); // updated when no published
    expect(doc.items[1]?.summary).toBe('<p>Sign up at the ranger station.</p>');
  });

  it('reads Atom 0.3', () => {
    const doc = parseFeed(fixture('atom03.xml'), options);
    expect(doc.format).toBe('atom');
    expect(doc.items).toEqual([
      { title: 'An Atom 0.3 entry', url: 'https://old-atom.example/entry-1', guid: 'tag:old-atom.example,2005:1', publishedAt: new Date('2005-01-02T09:00:00Z') },
    ]);
  });

  it('reads JSON Feed 1.1', () => {
    const doc = parseFeed(fixture('jsonfeed-1.1.json'), { ...options, contentType: 'application/feed+json' });
    expect(doc.format).toBe('json');
    expect(doc.title).toBe('Delta Dispatch');
    expect(doc.skipped).toBe(1);
    expect(doc.items).toEqual([
      { title: 'River levels fall after dry spell', url: 'https://delta.example/posts/river-levels', summary: 'Barges are running half-loaded.', guid: 'delta-1', lang: 'en-US', publishedAt: new Date('2024-07-01T04:00:00Z') },
      { title: 'New ferry enters service', url: 'https://city.example/posts/new-ferry', summary: 'The ferry carries 40 cars.', guid: 'delta-2', lang: 'nl', publishedAt: new Date('2024-06-30T12:00:00Z') },
    ]);
  });
});

describe('parseFeed: encodings', () => {
  const rss = (encoding: string, title: string): string =>
    `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>t</title><item><title>${title}</title><link>https://e.example/1</link></item></channel></rss>`;

  it('decodes ISO-8859-1 bytes declared in the prolog', () => {
    const title = 'Münchner Bürger grüßen Köln: Straßenfest';
    const body = iconv.encode(rss('ISO-8859-1', title), 'latin1');
    expect(body.includes(Buffer.from('ü', 'utf8'))).toBe(false); // really single-byte
    expect(parseFeed(body, options).items[0]?.title).toBe(title);
  });

  it('decodes windows-1251 Cyrillic from the Content-Type', () => {
    const title = 'Правительство утвердило новый бюджет';
    const body = iconv.encode(rss('windows-1251', title), 'windows-1251');
    expect(parseFeed(body, { ...options, contentType: 'application/rss+xml; charset=windows-1251' }).items[0]?.title).toBe(title);
  });

  it('accepts a UTF-8 BOM', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('UTF-8', 'Señal de prueba'), 'utf8')]);
    expect(parseFeed(body, options).items[0]?.title).toBe('Señal de prueba');
  });

  it('strips control characters that make XML invalid instead of failing', () => {
    const body = Buffer.from(rss('UTF-8', 'Bad\u000f bytes\u0010 here'), 'utf8');
    expect(parseFeed(body, options).items[0]?.title).toBe('Bad bytes here');
  });

  it('repairs bare ampersands outside CDATA', () => {
    const body = Buffer.from(rss('UTF-8', 'Salt & pepper'), 'utf8');
    expect(parseFeed(body, options).items[0]?.title).toBe('Salt & pepper');
  });
});

describe('parseFeed: refusals', () => {
  it('refuses a billion-laughs document fast with UNSAFE_XML', () => {
    const started = performance.now();
    const error = parseError(() => parseFeed(fixture('billion-laughs.xml'), options));
    expect(error.code).toBe('UNSAFE_XML');
    expect(error.message).toMatch(/entit/i);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses entity declarations in a DOCTYPE placed inside the document', () => {
    const late = '<rss version="2.0"><channel><!DOCTYPE x [<!ENTITY a "aaaa">]><title>&a;</title></channel></rss>';
    expect(parseError(() => parseFeed(Buffer.from(late), options)).code).toBe('UNSAFE_XML');
    // ...but the same text inside CDATA is just text.
    const quoted = '<rss version="2.0"><channel><title>t</title><item><title><![CDATA[<!DOCTYPE x [<!ENTITY a "b">]>]]></title></item></channel></rss>';
    expect(parseFeed(Buffer.from(quoted), options).items[0]?.title).toBe('<!DOCTYPE x [<!ENTITY a "b">]>');
  });

  it('refuses external entities (XXE) with UNSAFE_XML', () => {
    expect(parseError(() => parseFeed(fixture('xxe.xml'), options)).code).toBe('UNSAFE_XML');
  });

  it('fails malformed XML with PARSE_FAILED naming the position', () => {
    const error = parseError(() => parseFeed(fixture('malformed.xml'), options));
    expect(error.code).toBe('PARSE_FAILED');
    expect(error.message).toMatch(/malformed XML at line \d+/);
  });

  it('fails an HTML page with "not a feed: looks like HTML"', () => {
    const error = parseError(() => parseFeed(fixture('html-page.html'), { ...options, contentType: 'text/html' }));
    expect(error.code).toBe('PARSE_FAILED');
    expect(error.message).toMatch(/not a feed: looks like HTML/);
  });

  it('fails an empty or whitespace-only body', () => {
    expect(parseError(() => parseFeed(Buffer.alloc(0), options)).message).toMatch(/empty/);
    expect(parseError(() => parseFeed(Buffer.from('  \n\t'), options)).message).toMatch(/empty/);
  });

  it('fails XML with another root, plain text and JSON that is not a JSON Feed', () => {
    expect(parseError(() => parseFeed(Buffer.from('<?xml version="1.0"?><opml version="2.0"><body/></opml>'), options)).message).toMatch(/root element <opml>/);
    expect(parseError(() => parseFeed(Buffer.from('Service Unavailable'), options)).message).toMatch(/neither XML nor JSON/);
    expect(parseError(() => parseFeed(Buffer.from('{"error":"nope"}'), options)).message).toMatch(/not a JSON Feed/);
    expect(parseError(() => parseFeed(Buffer.from('{"version": '), options)).message).toMatch(/malformed JSON/);
  });
});
