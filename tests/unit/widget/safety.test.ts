import { describe, expect, it } from 'vitest';
import { safeHttpUrl, safeLangTag, toChange, toHeadline } from '../../../src/browser/safety.ts';
import { fullJitterDelay } from '../../../src/browser/backoff.ts';
import { compareStreamIds as compareIds, isStreamId } from '../../../src/protocol/stream-id.ts';
import { formatAge } from '../../../src/browser/format.ts';

describe('link safety', () => {
  it.each([
    ['https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'],
    ['http://example.com', 'http://example.com/'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['java\tscript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['//evil.example/x', null],
    ['/relative', null],
    ['', null],
    [42, null],
    [undefined, null],
  ])('%j → %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });

  it('accepts language tags only', () => {
    expect(safeLangTag('fa')).toBe('fa');
    expect(safeLangTag('zh-Hant-TW')).toBe('zh-Hant-TW');
    expect(safeLangTag('en" onmouseover="x')).toBeNull();
    expect(safeLangTag(undefined)).toBeNull();
  });
});

describe('wire headlines', () => {
  const good = {
    id: '1718384340000-0',
    title: 'Title',
    url: 'https://example.com',
    source: { id: 's', name: 'S' },
    publishedAt: null,
    receivedAt: '2026-01-01T00:00:00.000Z',
    topics: ['politics'],
    regions: ['az', 7],
  };

  it('keeps a well-formed headline and drops stray values', () => {
    expect(toHeadline(good)).toEqual({ ...good, regions: ['az'] });
  });

  it('rejects what is not a headline', () => {
    expect(toHeadline({ ...good, id: 'x' })).toBeNull();
    expect(toHeadline({ ...good, title: 5 })).toBeNull();
    expect(toHeadline('headline')).toBeNull();
    expect(toHeadline({ id: '1-0', title: 't' })).toMatchObject({ source: { id: '', name: '' }, topics: [], regions: [] });
  });

  it('keeps the round-2 fields only in their contract shape', () => {
    const revised = { ...good, regions: ['az'], priority: 'breaking', revision: 2, updatedAt: '2026-01-01T00:05:00.000Z' };
    expect(toHeadline(revised)).toEqual(revised);
    expect(toHeadline({ ...good, priority: 'urgent!!', revision: 'two' })).not.toHaveProperty('priority');
    expect(toHeadline({ ...good, revision: 1.5 })).not.toHaveProperty('revision');
  });

  it('checks changes: an update carries a whole headline, a retraction the id and reason', () => {
    const update = { id: '2-0', type: 'update', headline: { ...good, regions: ['az'], revision: 2 } };
    expect(toChange(update)).toEqual(update);
    const retraction = { id: '3-0', type: 'retract', headline: { id: '1-0', retracted: true, reason: 'wrong town' } };
    expect(toChange(retraction)).toEqual(retraction);
    expect(toChange({ ...update, type: 'delete' })).toBeNull();
    expect(toChange({ ...update, id: 'x' })).toBeNull();
    expect(toChange({ ...update, headline: { ...good, title: 5 } })).toBeNull();
    expect(toChange({ id: '3-0', type: 'retract', headline: { id: 'nope' } })).toBeNull();
  });
});

describe('stream ids', () => {
  it('compares numerically, not as text', () => {
    expect(compareIds('999-0', '1000-0')).toBeLessThan(0);
    expect(compareIds('1000-10', '1000-9')).toBeGreaterThan(0);
    expect(compareIds('1718384340000-0', '1718384340000-0')).toBe(0);
    expect(compareIds('01-0', '1-0')).toBe(0);
  });

  it('recognises ids', () => {
    expect(isStreamId('1718384340000-12')).toBe(true);
    expect(isStreamId('1718384340000')).toBe(false);
    expect(isStreamId('$')).toBe(false);
  });
});

describe('full-jitter backoff', () => {
  it('draws between 0 and the capped exponential', () => {
    const policy = { baseMs: 1000, capMs: 30_000 };
    expect(fullJitterDelay(0, policy, () => 0)).toBe(0);
    expect(fullJitterDelay(0, policy, () => 0.999)).toBe(999);
    expect(fullJitterDelay(3, policy, () => 0.5)).toBe(4000);
    expect(fullJitterDelay(50, policy, () => 0.999)).toBe(29_970);
  });
});

describe('ages', () => {
  it('reads short', () => {
    expect(formatAge(5_000)).toBe('just now');
    expect(formatAge(4 * 60_000)).toBe('4 min ago');
    expect(formatAge(3 * 3_600_000)).toBe('3 h ago');
    expect(formatAge(72 * 3_600_000)).toBe('3 d ago');
  });
});
