import { describe, expect, it } from 'vitest';
import { closestMatch } from '../../../src/shared/did-you-mean.ts';

describe('closestMatch', () => {
  const keys = ['id', 'name', 'url', 'intervalSeconds', 'timezone', 'lang', 'topics', 'regions'] as const;

  it('suggests the nearest candidate by edit distance, ignoring case', () => {
    expect(closestMatch('timeZone', keys)).toBe('timezone');
    expect(closestMatch('topic', keys)).toBe('topics');
    expect(closestMatch('sports', ['sport', 'science', 'politics'])).toBe('sport');
  });

  it('treats a prefix of a longer key as a near miss', () => {
    expect(closestMatch('interval', keys)).toBe('intervalSeconds');
  });

  it('suggests nothing when no candidate is near', () => {
    expect(closestMatch('colour', keys)).toBeUndefined();
    expect(closestMatch('', keys)).toBeUndefined();
    expect(closestMatch('anything', [])).toBeUndefined();
  });
});
