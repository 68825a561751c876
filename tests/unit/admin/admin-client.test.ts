/**
 * The admin page's pure parts: how API failures are worded, what a correction sends, how audit
 * entries and the sources list are read (whatever the server sends), and intervals in words.
 */
import { describe, expect, it } from 'vitest';
import { ApiError, describeFailure } from '../../../src/admin/client/api.ts';
import { auditChanges, auditEntries } from '../../../src/admin/client/audit.ts';
import { correctionOf } from '../../../src/admin/client/headline-row.ts';
import { importSummary } from '../../../src/admin/client/opml.ts';
import { sourceRows } from '../../../src/admin/client/source-rows.ts';
import { interval } from '../../../src/admin/client/sources.ts';
import type { Headline } from '../../../src/protocol/events.ts';

describe('describeFailure', () => {
  it('names the status and the code of each refusal, with the service words and the wait', () => {
    const cases: [ApiError, string, string][] = [
      [new ApiError(401, 'UNAUTHORIZED', 'wrong API key'), 'Key not accepted (401 UNAUTHORIZED): type the key again above', 'wrong API key'],
      [new ApiError(403, 'FORBIDDEN', 'the key "desk" does not have the scope "admin"'), 'Not allowed with this key (403 FORBIDDEN)', 'the key "desk" does not have the scope "admin"'],
      [new ApiError(409, 'CONFLICT', 'headline 1-0 is already retracted'), 'Conflict (409 CONFLICT)', 'headline 1-0 is already retracted'],
      [new ApiError(429, 'RATE_LIMITED', 'too many failed authentication attempts', [], 840), 'Too many requests (429 RATE_LIMITED)', 'too many failed authentication attempts Retry in 840 s.'],
      [new ApiError(400, 'VALIDATION', 'invalid change', ['topics.0: unknown topic "polotics" (did you mean "politics"?)']), 'Not accepted (400 VALIDATION)', 'invalid change topics.0: unknown topic "polotics" (did you mean "politics"?)'],
      [new ApiError(503, 'UNAVAILABLE', 'Redis is unavailable'), 'The service failed (503 UNAVAILABLE)', 'Redis is unavailable'],
      [new ApiError(0, 'NETWORK', 'Failed to fetch'), 'The service did not answer', 'Failed to fetch'],
    ];
    for (const [error, summary, detail] of cases) expect(describeFailure(error)).toEqual({ summary, detail });
  });

  it('says a failure of the page itself is not an answer of the service', () => {
    expect(describeFailure(new TypeError('x is undefined'))).toEqual({ summary: 'Something went wrong in this page', detail: 'x is undefined' });
  });
});

describe('correctionOf', () => {
  const headline: Headline = {
    id: '1718384340000-0',
    title: 'Old title',
    url: 'https://example.com/a',
    summary: 'Old summary',
    source: { id: 'wire', name: 'Wire' },
    publishedAt: null,
    receivedAt: '2024-06-14T16:59:00.000Z',
    topics: ['politics'],
    regions: ['az', 'western-asia', 'asia'],
  };
  const form = { title: 'Old title', summary: 'Old summary', url: 'https://example.com/a', topics: 'politics', regions: 'az, western-asia, asia' };

  it('sends only what changed', () => {
    expect(correctionOf(headline, form)).toEqual({});
    expect(correctionOf(headline, { ...form, title: '  New title ' })).toEqual({ title: 'New title' });
    expect(correctionOf(headline, { ...form, topics: 'Politics, economy' })).toEqual({ topics: ['politics', 'economy'] });
    expect(correctionOf(headline, { ...form, regions: 'ir' })).toEqual({ regions: ['ir'] });
  });

  it('removes summary and link when their fields are emptied', () => {
    expect(correctionOf(headline, { ...form, summary: ' ', url: '' })).toEqual({ summary: null, url: null });
  });
});

describe('audit entries', () => {
  it('shows the fields an update changed, leaving out revision bookkeeping', () => {
    const before = { title: 'A', topics: ['politics'], revision: 1 };
    const after = { title: 'B', topics: ['politics'], revision: 2, updatedAt: '2024-06-14T17:00:00Z' };
    expect(auditChanges(before, after)).toEqual(['title: A → B']);
  });

  it('names what went and what came', () => {
    expect(auditChanges({ id: '1-0', title: 'Wrong figures' }, undefined)).toEqual(['was: Wrong figures']);
    expect(auditChanges(undefined, { id: 'desk', name: 'Desk feed' })).toEqual(['now: Desk feed']);
  });

  it('reads an answer defensively', () => {
    expect(auditEntries({ entries: [{ at: '2024-06-14T17:00:00Z', actor: 'ops', action: 'source.pause', target: 'desk', reason: 3 }, 'junk', null] })).toEqual([
      { at: '2024-06-14T17:00:00Z', actor: 'ops', action: 'source.pause', target: 'desk', changes: [] },
    ]);
    expect(auditEntries('<html>')).toEqual([]);
  });
});

describe('sourceRows', () => {
  it('reads status, last error, items and interval, and marks paused sources', () => {
    const rows = sourceRows({
      sources: [
        { id: 'a', name: 'A', type: 'feed', url: 'https://a.example/rss', intervalSeconds: 300, status: 'failing', consecutiveFailures: 2, itemsIngested: 7, lastError: { code: 'FETCH_TIMEOUT', message: 'timed out' }, lastFetchAt: '2024-06-14T17:00:00Z' },
        { id: 'b', intervalSeconds: 60, status: 'ok', paused: true, lastFetchAt: 'not a date' },
        42,
      ],
    });
    expect(rows).toEqual([
      { id: 'a', name: 'A', type: 'feed', url: 'https://a.example/rss', intervalSeconds: 300, status: 'failing', paused: false, lastError: { code: 'FETCH_TIMEOUT', message: 'timed out' }, consecutiveFailures: 2, itemsIngested: 7, lastFetchAt: '2024-06-14T17:00:00Z' },
      { id: 'b', name: 'b', type: 'feed', url: '', intervalSeconds: 60, status: 'paused', paused: true, lastError: null, consecutiveFailures: 0, itemsIngested: 0, lastFetchAt: null },
    ]);
  });
});

describe('small words', () => {
  it('puts intervals in seconds, minutes and hours', () => {
    expect([30, 300, 3600, 5400, 86_400].map(interval)).toEqual(['30 s', '5 min', '1 h', '1 h 30 min', '24 h']);
  });

  it('summarises an import answer from whatever lists and counts it holds', () => {
    expect(importSummary({ created: [{ id: 'a' }, { id: 'b' }], skipped: [{ id: 'c', url: 'https://c.example/', reason: 'the source "d" has this URL' }], note: 'x' })).toBe(
      '2 created, 1 skipped (c: the source "d" has this URL)',
    );
    expect(importSummary(null)).toBe('imported');
  });
});
