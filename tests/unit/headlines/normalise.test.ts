import { describe, expect, it } from 'vitest';
import { dedupeKeysFor, normaliseItem } from '../../../src/headlines/normalise.ts';
import { capLength, toPlainText } from '../../../src/headlines/text.ts';
import { normaliseUrl } from '../../../src/headlines/url.ts';

const source = { id: 'src', name: 'Source' };
const receivedAt = new Date('2026-11-29T04:10:00.000Z');

describe('toPlainText', () => {
  it('strips tags, scripts and comments, decodes entities, collapses whitespace', () => {
    expect(toPlainText('<p>Hello&nbsp;<b>world</b></p>\n\t<script>alert(1)</script><!-- c --> &amp; more')).toBe('Hello world & more');
    expect(toPlainText('<img src=x onerror=alert(1)>Title')).toBe('Title');
    expect(toPlainText('Caf&eacute; &#8217;quoted&#x2019; \u0007bell')).toBe('Café ’quoted’ bell');
  });

  it('removes inline tags without adding spaces, block tags with one', () => {
    expect(toPlainText('Relief work <b>continues</b>.')).toBe('Relief work continues.');
    expect(toPlainText('<p>one</p><p>two</p>line<br/>break')).toBe('one two line break');
    expect(toPlainText('<a href="x">link</a>ed')).toBe('linked');
  });

  it('keeps decoded angle brackets as text (they are rendered as text, never markup)', () => {
    expect(toPlainText('a &lt;script&gt; b')).toBe('a <script> b');
  });
});

describe('capLength', () => {
  it('caps at a word boundary with an ellipsis', () => {
    const capped = capLength('word '.repeat(100), 50);
    expect(Array.from(capped).length).toBeLessThanOrEqual(50);
    expect(capped.endsWith('…')).toBe(true);
  });
  it('counts code points, not UTF-16 units', () => {
    expect(capLength('😀'.repeat(10), 10)).toBe('😀'.repeat(10));
  });
});

describe('normaliseUrl', () => {
  it('keeps absolute http(s), removes tracking parameters', () => {
    expect(normaliseUrl('https://ex.com/a?utm_source=x&utm_medium=y&id=1&fbclid=z&gclid=q')).toBe('https://ex.com/a?id=1');
    expect(normaliseUrl('https://ex.com/a?utm_source=x')).toBe('https://ex.com/a');
  });
  it('resolves relative links against a base and drops other schemes', () => {
    expect(normaliseUrl('/news/1', 'https://ex.com/feed.xml')).toBe('https://ex.com/news/1');
    expect(normaliseUrl('javascript:alert(1)')).toBeUndefined();
    expect(normaliseUrl('data:text/html,hi')).toBeUndefined();
    expect(normaliseUrl('relative/only')).toBeUndefined();
    expect(normaliseUrl('https://user:pw@ex.com/')).toBeUndefined();
  });
});

describe('normaliseItem', () => {
  it('caps title at 300 and summary at 1000 characters', () => {
    const result = normaliseItem({ title: 'T'.repeat(500), summary: 'S'.repeat(5000) }, { source, receivedAt });
    expect(result.ok && Array.from(result.headline.draft.title).length).toBe(300);
    expect(result.ok && Array.from(result.headline.draft.summary ?? '').length).toBe(1000);
  });

  it('reports a missing date as null and clamps dates more than 5 minutes ahead', () => {
    const missing = normaliseItem({ title: 'a' }, { source, receivedAt });
    expect(missing.ok && missing.headline.draft.publishedAt).toBeNull();
    const future = normaliseItem({ title: 'a', publishedAt: new Date(receivedAt.getTime() + 10 * 60_000) }, { source, receivedAt });
    expect(future.ok && future.headline.draft.publishedAt).toBe(receivedAt.toISOString());
    const nearFuture = new Date(receivedAt.getTime() + 2 * 60_000);
    const near = normaliseItem({ title: 'a', publishedAt: nearFuture }, { source, receivedAt });
    expect(near.ok && near.headline.draft.publishedAt).toBe(nearFuture.toISOString());
  });

  it('refuses an item whose title is empty after normalisation', () => {
    expect(normaliseItem({ title: '<br/> &nbsp; ' }, { source, receivedAt })).toEqual({ ok: false, reason: 'item has no title' });
  });

  it('keeps a deliberately unnamed source unnamed, and names one whose name normalises away by its id', () => {
    const nameOf = (name: string) => {
      const result = normaliseItem({ title: 'a' }, { source: { id: 'publish-api', name }, receivedAt });
      return result.ok ? result.headline.draft.source.name : null;
    };
    expect(nameOf('')).toBe('');
    expect(nameOf('<b></b>\u200b')).toBe('publish-api');
  });
});

describe('dedupeKeysFor', () => {
  it('prefers guid, adds the canonical URL, falls back to title plus source', () => {
    const withGuid = dedupeKeysFor({ sourceId: 's', guid: 'g', url: 'https://ex.com/a', title: 'T' });
    expect(withGuid.map((k) => k.slice(0, 2))).toEqual(['g:', 'u:']);
    expect(dedupeKeysFor({ sourceId: 's', url: 'https://ex.com/a#top', title: 'T' })).toEqual(dedupeKeysFor({ sourceId: 'other', url: 'https://ex.com/a', title: 'U' }));
    const byTitle = dedupeKeysFor({ sourceId: 's', title: 'Same Title' });
    expect(byTitle).toEqual(dedupeKeysFor({ sourceId: 's', title: 'same title' }));
    expect(byTitle).not.toEqual(dedupeKeysFor({ sourceId: 't', title: 'Same Title' }));
  });
});
