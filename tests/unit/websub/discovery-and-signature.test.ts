import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingestion/parse/feed.ts';
import { linkHeaderLinks } from '../../../src/ingestion/parse/feed-links.ts';
import { checkSignature, signatureHeader } from '../../../src/websub/signature.ts';

const base = { baseUrl: 'https://site.example/news/feed.xml', timezone: 'UTC' };

describe('WebSub discovery', () => {
  it('reads hub and self from RSS atom:link, Atom link and JSON Feed hubs, made absolute', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title><link>https://site.example/</link><description>d</description>
      <atom:link rel="hub" href="https://pubsubhubbub.example/"/><atom:link rel="self" href="/news/feed.xml"/><item><title>a</title></item></channel></rss>`;
    expect(parseFeed(Buffer.from(rss), base).links).toEqual({ hub: 'https://pubsubhubbub.example/', self: 'https://site.example/news/feed.xml' });
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id><title>t</title><updated>2026-01-01T00:00:00Z</updated><link rel="hub" href="https://hub.example/h"/><entry><id>1</id><title>a</title><updated>2026-01-01T00:00:00Z</updated></entry></feed>`;
    expect(parseFeed(Buffer.from(atom), base).links).toEqual({ hub: 'https://hub.example/h' });
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 't', feed_url: 'https://site.example/feed.json', hubs: [{ type: 'WebSub', url: 'https://hub.example/' }], items: [{ id: '1', title: 'a', content_text: 'a' }] });
    expect(parseFeed(Buffer.from(json), base).links).toEqual({ hub: 'https://hub.example/', self: 'https://site.example/feed.json' });
  });

  it('reads a Link header with several links and relations, ignoring other schemes', () => {
    expect(linkHeaderLinks('<https://hub.example/>; rel="hub", </feed>; rel="self alternate"', 'https://site.example/x')).toEqual({ hub: 'https://hub.example/', self: 'https://site.example/feed' });
    expect(linkHeaderLinks('<javascript:alert(1)>; rel=hub', 'https://site.example/')).toEqual({});
    expect(linkHeaderLinks(undefined, 'https://site.example/')).toEqual({});
  });
});

describe('X-Hub-Signature', () => {
  const body = Buffer.from('<feed/>');
  it('accepts our own sha256 signature and the other listed methods', () => {
    expect(checkSignature('s3cret', body, signatureHeader('s3cret', body))).toBe('valid');
    expect(checkSignature('s3cret', body, 'sha1=' + '0'.repeat(40))).toBe('invalid');
  });
  it('tells a missing signature from a wrong one', () => {
    expect(checkSignature('s3cret', body, undefined)).toBe('missing');
    expect(checkSignature('s3cret', body, signatureHeader('other', body))).toBe('invalid');
    expect(checkSignature('s3cret', body, 'md5=abcd')).toBe('invalid');
    expect(checkSignature('s3cret', body, signatureHeader('s3cret', Buffer.from('<feed>changed</feed>')))).toBe('invalid');
  });
});
