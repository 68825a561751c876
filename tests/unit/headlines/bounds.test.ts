import { describe, expect, it } from 'vitest';
import { fitToStoredCap, languageTag } from '../../../src/headlines/bounds.ts';
import type { HeadlineDraft } from '../../../src/headlines/headline.ts';
import { toPlainText } from '../../../src/headlines/text.ts';

const bytes = (draft: HeadlineDraft | undefined): number => Buffer.byteLength(JSON.stringify(draft));

describe('languageTag', () => {
  it('keeps well-formed BCP 47 tags of at most 35 characters, in canonical case', () => {
    expect(languageTag('en')).toBe('en');
    expect(languageTag(' en-us ')).toBe('en-US');
    expect(languageTag('zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(languageTag('sr-Latn-RS')).toBe('sr-Latn-RS');
  });

  it('drops anything else', () => {
    for (const bad of ['', 'x'.repeat(36), '<b>en</b>', 'en_US', 'english language', 'e', undefined, null]) expect(languageTag(bad)).toBeUndefined();
  });
});

describe('fitToStoredCap', () => {
  const base: HeadlineDraft = { title: 'T', source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: '2026-12-07T00:00:00.000Z', topics: [], regions: [] };

  it('leaves a small headline alone', () => {
    expect(fitToStoredCap(base, 4000)).toBe(base);
  });

  it('shortens the summary first, then drops categories, then shortens the title, then drops the link', () => {
    const big: HeadlineDraft = { ...base, title: '\u6f22'.repeat(300), summary: '\u6f22'.repeat(1000), categories: ['a'.repeat(64), 'b'.repeat(64)], url: `https://example.org/${'p'.repeat(2000)}` };
    const summaryCut = fitToStoredCap(big, 4000);
    expect(bytes(summaryCut)).toBeLessThanOrEqual(4000);
    expect(summaryCut?.categories).toHaveLength(2);
    const noSummary = fitToStoredCap(big, 3100);
    expect(bytes(noSummary)).toBeLessThanOrEqual(3100);
    expect(noSummary?.summary).toBeUndefined();
    expect(noSummary?.title).toBe(big.title);
    const shortTitle = fitToStoredCap(big, 2500);
    expect(shortTitle).toMatchObject({ url: big.url });
    expect(shortTitle?.categories).toBeUndefined();
    expect(Array.from(shortTitle?.title ?? '').length).toBeLessThan(300);
    const noLink = fitToStoredCap(big, 1000);
    expect(noLink?.url).toBeUndefined();
    expect(Array.from(noLink?.title ?? '').length).toBe(80);
    expect(fitToStoredCap(big, 100)).toBeUndefined();
  });
});

describe('toPlainText: characters that spoof what text looks like', () => {
  it.each([
    ['bidi embeddings and overrides', '\u202A\u202B\u202C\u202D\u202E'],
    ['bidi isolates', '\u2066\u2067\u2068\u2069'],
    ['zero-width space, non-joiner, joiner', '\u200B\u200C\u200D'],
    ['word joiner and zero-width no-break space', '\u2060\uFEFF'],
    ['NUL and C0/C1 controls', '\u0000\u0001\u001F\u007F\u0085'],
    ['lone surrogates', '\uDFFF\uD800'],
  ])('removes %s', (_what, characters) => {
    expect(toPlainText(`a${characters}b`)).toBe('ab');
  });

  it('keeps surrogate pairs, and composes to NFC', () => {
    expect(toPlainText('\u{1F4F0} Cafe\u0301')).toBe('\u{1F4F0} Caf\u00E9');
  });
});
