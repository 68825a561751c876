import { describe, expect, it } from 'vitest';
import { parseChannel } from '../../../src/channels/channel.ts';
import { buildFeedDocument, xmlSafeText } from '../../../src/feeds/out/feed-document.ts';
import { FEED_FORMATS, parseFeedRequest } from '../../../src/feeds/out/feed-request.ts';
import { topicRequest } from '../../../src/websub/hub/topic.ts';
import { renderFeed } from '../../../src/feeds/out/render-feed.ts';
import type { Headline } from '../../../src/protocol/headline.ts';
import { FEED_PARSERS } from '../../helpers/feed-validity.ts';

const CONTROL = Array.from({ length: 32 }, (_, code) => String.fromCharCode(code)).join('');
const HOSTILE = [
  '<script>alert(1)</script> & friends',
  'ends a CDATA ]]> and starts <![CDATA[ another',
  `controls${CONTROL}gone`,
  'خبر عاجل: اجتماع في باكو',
  'lone \uD800 surrogate and \uFFFE',
];

function headline(id: number, title: string): Headline {
  return {
    id: `17000000000${id}-0`,
    title,
    summary: title,
    url: `https://example.com/news/${id}?a=1&b=2`,
    source: { id: 'desk', name: 'Desk <b>&</b>' },
    publishedAt: '2026-12-01T10:00:00.000Z',
    receivedAt: '2026-12-01T10:00:01.000Z',
    topics: ['politics'],
    regions: ['az', 'western-asia', 'asia'],
  };
}

function channel(name: string) {
  const parsed = parseChannel(name);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.channel;
}

describe('feed rendering', () => {
  const headlines = HOSTILE.map((title, index) => headline(index, title));
  const document = buildFeedDocument({ channel: channel('politics/*'), headlines, publicUrl: 'https://ticker.example', path: '/feeds/politics/all.rss' });

  it.each(FEED_FORMATS)('%s: hostile titles survive the round trip as text, newest first, with categories', (format) => {
    const entries = FEED_PARSERS[format](renderFeed(document, format));
    // XML normalises line ends and parsers trim: compare as the plain-text normaliser would.
    const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(entries.map((entry) => collapse(entry.title))).toEqual(HOSTILE.map((title) => collapse(xmlSafeText(title))).reverse());
    expect(entries.find((entry) => entry.title.startsWith('controls'))?.title).toMatch(/^controls\s+gone$/);
    for (const entry of entries) {
      expect(entry.categories).toEqual(['Politics and government', 'Azerbaijan', 'Western Asia', 'Asia']);
      expect(new Date(entry.published ?? '').toISOString()).toBe('2026-12-01T10:00:00.000Z');
    }
  });

  it('keeps no character XML 1.0 forbids', () => {
    expect(xmlSafeText(`a${CONTROL}b`)).toBe('a\t\n\rb');
    expect(xmlSafeText('pair \uD83D\uDE00 kept, lone \uDC00 dropped')).toBe('pair \uD83D\uDE00 kept, lone  dropped');
  });
});

describe('feed paths', () => {
  it('reads all as a wildcard and canonicalises', () => {
    const request = parseFeedRequest('all', 'AZ.json');
    expect(request.channel.name).toBe('*/az');
    expect(request.path).toBe('/feeds/all/az.json');
    expect(request.format).toBe('json');
  });

  it('refuses unknown channels and formats with stable codes', () => {
    expect(() => parseFeedRequest('sports', 'all.rss')).toThrow(expect.objectContaining({ code: 'BAD_CHANNEL' }));
    expect(() => parseFeedRequest('politics', 'all.xml')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('maps feed URLs (hub topics) back to their channel, and nothing else', () => {
    expect(topicRequest('https://t.example/feeds/politics/az.atom')?.channel.name).toBe('politics/az');
    expect(topicRequest('https://t.example/feeds/nope/az.atom')).toBeUndefined();
    expect(topicRequest('https://t.example/feeds/politics/az.atom?x=1')).toBeUndefined();
    expect(topicRequest('not a url')).toBeUndefined();
  });
});
