import { describe, expect, it } from 'vitest';
import { parseDashboardParams } from '../../../src/dashboard/client/params.ts';
import { failingSources } from '../../../src/dashboard/client/chrome.ts';

describe('dashboard URL parameters', () => {
  it('reads columns and title', () => {
    const params = parseDashboardParams('?columns=politics/*,conflict/*,*/az,*/ir&title=Newsroom');
    expect(params).toMatchObject({ columns: ['politics/*', 'conflict/*', '*/az', '*/ir'], title: 'Newsroom', max: 25, staleMinutes: 30, theme: 'dark' });
  });

  it('accepts repeated columns and encoded commas', () => {
    expect(parseDashboardParams('?columns=sport/*&columns=*%2Fgb%2C*%2Fie').columns).toEqual(['sport/*', '*/gb', '*/ie']);
  });

  it('defaults to everything, caps columns and numbers', () => {
    const params = parseDashboardParams('?max=100000&stale=0&theme=light&title=%20%20');
    expect(params).toMatchObject({ columns: ['*/*'], title: 'News Ticker', max: 100, staleMinutes: 1, theme: 'light' });
    const many = Array.from({ length: 12 }, (_, i) => `*/r${String.fromCharCode(97 + i)}`).join(',');
    expect(parseDashboardParams(`?columns=${many}`).columns).toHaveLength(8);
  });

  it('reports junk columns and keeps titles as plain text', () => {
    const params = parseDashboardParams('?columns=<img src=x>,politics/*&title=<b>Hi</b>');
    expect(params.columns).toEqual(['politics/*']);
    expect(params.invalid).toEqual(['<img', 'src=x>']);
    expect(params.title).toBe('<b>Hi</b>');
  });
});

describe('failing sources', () => {
  it('picks the failing ones out of GET /api/sources', () => {
    const body = {
      sources: [
        { id: 'a', name: 'A', status: 'ok', consecutiveFailures: 0, lastError: null },
        { id: 'b', name: 'B', status: 'failing', consecutiveFailures: 3, lastError: { code: 'HTTP_503', message: 'Service Unavailable', at: 'x' } },
        { id: 'c', status: 'failing', lastError: { code: 7 } },
      ],
    };
    expect(failingSources(body)).toEqual([
      { id: 'b', name: 'B', status: 'failing', consecutiveFailures: 3, lastError: { code: 'HTTP_503', message: 'Service Unavailable', at: 'x' } },
      { id: 'c', name: 'c', status: 'failing', consecutiveFailures: 0, lastError: { code: '', message: '', at: '' } },
    ]);
    expect(failingSources({ nope: true })).toBeNull();
  });
});
