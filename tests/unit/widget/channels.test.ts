import { describe, expect, it } from 'vitest';
import {
  channelLabel,
  isKnownChannel,
  parseChannelList,
  shortTopicLabel,
  toVocabulary,
  type Vocabulary,
} from '../../../src/browser/channels.ts';
import { matchesChannel } from '../../../src/protocol/channels.ts';

const vocabulary: Vocabulary = {
  topics: [
    { slug: 'politics', label: 'Politics and government' },
    { slug: 'crime-law', label: 'Crime, law and justice' },
    { slug: 'conflict', label: 'Conflict, war and peace' },
    { slug: 'human-interest', label: 'Human interest' },
  ],
  regions: [
    { slug: 'az', label: 'Azerbaijan' },
    { slug: 'ir', label: 'Iran' },
    { slug: 'western-asia', label: 'Western Asia' },
  ],
};

describe('channel lists', () => {
  it('splits on commas and spaces, lower-cases, drops repeats and reports junk', () => {
    expect(parseChannelList(' politics/*,*/AZ  */az, nope, a/b/c,,')).toEqual({ channels: ['politics/*', '*/az'], invalid: ['nope', 'a/b/c'] });
    expect(parseChannelList(null)).toEqual({ channels: [], invalid: [] });
  });

  it('keeps at most 50 channels', () => {
    const many = Array.from({ length: 60 }, (_, i) => `t${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}/*`);
    expect(parseChannelList(many.join(',')).channels).toHaveLength(50);
  });
});

describe('channel matching', () => {
  const headline = { topics: ['politics', 'economy'], regions: ['az', 'western-asia', 'asia'] };
  it.each([
    ['*/*', true],
    ['politics/*', true],
    ['*/az', true],
    ['politics/western-asia', true],
    ['conflict/*', false],
    ['*/ir', false],
    ['politics/ir', false],
    ['conflict/az', false],
  ])('%s → %s', (channel, expected) => {
    expect(matchesChannel(headline, channel)).toBe(expected);
  });
});

describe('channel labels', () => {
  it('says channels in words', () => {
    expect(channelLabel('politics/*', vocabulary)).toBe('Politics · all regions');
    expect(channelLabel('*/az', vocabulary)).toBe('All topics · Azerbaijan');
    expect(channelLabel('conflict/western-asia', vocabulary)).toBe('Conflict · Western Asia');
    expect(channelLabel('*/*', vocabulary)).toBe('All topics · all regions');
    expect(channelLabel('human-interest/ir', vocabulary)).toBe('Human interest · Iran');
  });

  it('shortens IPTC labels to their head word', () => {
    expect(shortTopicLabel('Crime, law and justice')).toBe('Crime');
    expect(shortTopicLabel('Science and technology')).toBe('Science');
    expect(shortTopicLabel('Weather')).toBe('Weather');
  });

  it('still says something without a vocabulary', () => {
    expect(channelLabel('crime-law/gb')).toBe('Crime law · GB');
    expect(channelLabel('*/western-asia')).toBe('All topics · Western asia');
  });

  it('knows which channels the vocabulary has', () => {
    expect(isKnownChannel('politics/az', vocabulary)).toBe(true);
    expect(isKnownChannel('*/*', vocabulary)).toBe(true);
    expect(isKnownChannel('gossip/*', vocabulary)).toBe(false);
    expect(isKnownChannel('*/atlantis', vocabulary)).toBe(false);
  });

  it('reads a GET /api/channels answer defensively', () => {
    expect(toVocabulary({ topics: [{ slug: 'a', label: 'A', medtop: 'x' }, { slug: 1 }], regions: [] })).toEqual({
      topics: [{ slug: 'a', label: 'A' }],
      regions: [],
    });
    expect(toVocabulary({ topics: 'no' })).toBeUndefined();
    expect(toVocabulary(null)).toBeUndefined();
  });
});
