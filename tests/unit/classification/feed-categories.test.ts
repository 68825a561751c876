import { describe, expect, it } from 'vitest';
import { classify, tagHeadline } from '../../../src/classification/index.ts';
import { readFeedEvidence, sectionsOf } from '../../../src/classification/feed-evidence.ts';
import { normaliseItem } from '../../../src/headlines/normalise.ts';
import { parseFeed } from '../../../src/ingestion/parse/feed.ts';
import { CATEGORY_MAX_CHARS, MAX_CATEGORIES } from '../../../src/protocol/headline.ts';

const options = { baseUrl: 'https://news.example/feed.xml', timezone: 'UTC' };
const parse = (text: string) => parseFeed(Buffer.from(text, 'utf8'), options);

describe('feed items keep their categories', () => {
  it('reads RSS <category>, dc:subject and media:keywords', () => {
    const doc = parse(`<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel><title>t</title><link>https://news.example/</link><description>d</description>
<item><title>Cup final tonight</title><link>https://news.example/a</link>
<category domain="https://news.example/sport">Sport</category><category>Football</category>
<dc:subject>Europe</dc:subject><media:keywords>derby, cup final</media:keywords></item>
<item><title>No categories here</title><link>https://news.example/b</link></item>
</channel></rss>`);
    expect(doc.items[0]?.categories).toEqual(['Sport', 'Football', 'Europe', 'derby', 'cup final']);
    expect(doc.items[1]?.categories).toBeUndefined();
  });

  it('reads Atom <category>, preferring its label to its term', () => {
    const doc = parse(`<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Markets slide</title><id>urn:1</id><updated>2024-01-01T00:00:00Z</updated>
<link href="https://news.example/business/markets-slide"/>
<category term="biz" label="Business"/><category term="markets"/></entry></feed>`);
    expect(doc.items[0]?.categories).toEqual(['Business', 'markets']);
  });

  it('reads a JSON Feed item’s tags', () => {
    const doc = parse(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 't',
      items: [{ id: '1', url: 'https://news.example/1', title: 'Rain all week', tags: ['Weather', 'UK'] }],
    }));
    expect(doc.items[0]?.categories).toEqual(['Weather', 'UK']);
  });

  it('normalises them: plain text, each capped, unique, at most ten', () => {
    const raw = ['<b>Sport</b>', 'sport', 'Q&amp;A', 'x'.repeat(200), '  ', ...Array.from({ length: 20 }, (_, i) => `tag ${i}`)];
    const result = normaliseItem({ title: 'A headline', categories: raw }, { source: { id: 's', name: 'S' }, receivedAt: new Date() });
    if (!result.ok) throw new Error(result.reason);
    const categories = result.headline.draft.categories ?? [];
    expect(categories).toHaveLength(MAX_CATEGORIES);
    expect(categories.slice(0, 2)).toEqual(['Sport', 'Q&A']);
    expect(categories[2]?.length).toBeLessThanOrEqual(CATEGORY_MAX_CHARS);
    expect(categories.every((c) => c.trim() === c && c.length > 0)).toBe(true);
  });

  it('leaves `categories` out of the headline when the item has none', () => {
    const result = normaliseItem({ title: 'A headline', categories: ['', ' '] }, { source: { id: 's', name: 'S' }, receivedAt: new Date() });
    expect(result.ok && 'categories' in result.headline.draft).toBe(false);
  });
});

describe('categories and sections as evidence', () => {
  it('maps categories onto topics and regions with the table', () => {
    expect(readFeedEvidence(['US politics'], undefined)).toMatchObject({ topics: ['politics'], regions: ['us'] });
    expect(readFeedEvidence(['Middle East and North Africa'], undefined).regions).toEqual(['western-asia', 'northern-africa']);
    expect(readFeedEvidence(['Sports'], undefined).topics).toEqual(['sport']);
    // Country names are read with the gazetteer; words that map to nothing say nothing.
    expect(readFeedEvidence(['Germany', 'News', 'Opinion', 'World'], undefined)).toMatchObject({ topics: [], regions: ['de'] });
    expect(readFeedEvidence(['worldNews'], undefined)).toMatchObject({ topics: [], regions: [] });
  });

  it('reads the sections of a link, not its article slug', () => {
    expect(sectionsOf('https://www.theguardian.com/us-news/2018/jan/31/fbi-memo-sport')).toEqual(['us-news', 'jan']);
    expect(sectionsOf('https://news.example/world/middle-east/')).toEqual(['world', 'middle-east']);
    expect(readFeedEvidence(undefined, 'https://www.nytimes.com/2017/01/06/us/politics/trump-intelligence.html')).toMatchObject({ topics: ['politics'], regions: ['us'] });
    expect(readFeedEvidence(undefined, 'https://www.livemint.com/news/india/gst-council-meets-1559044729324.html').regions).toEqual(['in']);
    expect(readFeedEvidence(undefined, 'https://news.example/world/middle-east/story-about-sport').regions).toEqual(['western-asia']);
    expect(readFeedEvidence(undefined, 'not a url')).toMatchObject({ topics: [], regions: [] });
  });

  it('lets a mapped category lead over the words of the text', () => {
    const title = 'Workers strike as talks collapse';
    expect(classify({ title }).topics[0]).toBe('labour');
    expect(classify({ title, categories: ['Sport', 'Football'] }).topics[0]).toBe('sport');
    expect(classify({ title, url: 'https://news.example/sport/football/workers-strike' }).topics[0]).toBe('sport');
  });

  it('lets the text decide where nothing maps', () => {
    const plain = classify({ title: 'Magnitude 6 earthquake hits Chile' });
    expect(classify({ title: 'Magnitude 6 earthquake hits Chile', categories: ['News', 'World'], url: 'https://news.example/news/world/quake' }).topics).toEqual(plain.topics);
  });

  it('adds the regions a section names to those of the text', () => {
    const c = classify({ title: 'Talks resume after ceasefire', url: 'https://news.example/world/middle-east/talks-resume' });
    expect(c.regions).toEqual(['western-asia', 'asia']);
  });

  it('keeps the source defaults ahead of categories', () => {
    const tags = tagHeadline({ title: 'Cup final tonight', categories: ['Sport'], sourceTopics: ['economy'], sourceRegions: ['fr'] });
    expect(tags.topics).toEqual(['economy', 'sport']);
    expect(tags.regions[0]).toBe('fr');
  });
});
