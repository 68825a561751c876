import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGLISH, gazetteerFor } from '../../../src/classification/gazetteer.ts';
import type { Gazetteer } from '../../../src/classification/gazetteer.ts';
import { loadGeneratedPlaces } from '../../../src/classification/generated-places.ts';
import { classify } from '../../../src/classification/index.ts';
import { tokenise } from '../../../src/classification/tokens.ts';

const countries = (title: string, lang?: string): string[] =>
  classify({ title, ...(lang === undefined ? {} : { lang }) }).evidence.regions.map((r) => r.country);

/** What the matcher relies on: every name's first word is indexed with at least the name's length. */
function unindexed(gazetteer: Gazetteer): string[] {
  return [...gazetteer.keys()].filter((key) => {
    const words = key.split(' ');
    return (gazetteer.firstWords.get(words[0] ?? '') ?? 0) < Math.min(8, words.length);
  });
}

describe('translation gazetteers, compiled per language on first use', () => {
  it('reads a country name in the declared language only', () => {
    expect(countries('Frankreich wählt ein neues Parlament', 'de')).toEqual(['fr']);
    expect(countries('Frankreich wählt ein neues Parlament', 'de-AT')).toEqual(['fr']);
    expect(countries('Frankreich wählt ein neues Parlament', 'en')).toEqual([]);
    expect(countries('Frankreich wählt ein neues Parlament')).toEqual([]);
    expect(countries('Frankreich wählt ein neues Parlament', 'fr')).toEqual([]);
  });

  it('finds a multi-word name through its own language’s first-word index', () => {
    expect(ENGLISH.firstWords.has('vereinigte')).toBe(false);
    expect(countries('Vereinigte Arabische Emirate investieren in Frankreich', 'de')).toEqual(['ae', 'fr']);
    expect(countries('Vereinigte Arabische Emirate investieren in Frankreich', 'en')).toEqual([]);
  });

  it('compiles one gazetteer per language, whatever the region subtag or case', () => {
    const de = gazetteerFor('de');
    expect(de?.get('frankreich')?.[0]?.country).toBe('fr');
    expect(gazetteerFor('de-AT')).toBe(de);
    expect(gazetteerFor('DE_ch')).toBe(de);
    expect(gazetteerFor('fr')).not.toBe(de);
  });

  it('has none for English, undeclared or unknown languages', () => {
    for (const lang of [undefined, 'en', 'en-GB', 'zh', 'xx', '', 'constructor', '__proto__']) expect(gazetteerFor(lang)).toBeUndefined();
  });

  it('indexes the first word of every name in each gazetteer', () => {
    expect(unindexed(ENGLISH)).toEqual([]);
    for (const lang of ['de', 'ar', 'ru', 'fa']) {
      const gazetteer = gazetteerFor(lang);
      expect(gazetteer).toBeDefined();
      if (gazetteer !== undefined) expect(unindexed(gazetteer)).toEqual([]);
    }
  });
});

describe('generated places file (npm run build:gazetteer)', () => {
  const places = loadGeneratedPlaces();

  it('carries for every name the key the tokeniser gives it', () => {
    expect(places.length).toBeGreaterThan(25_000);
    const drifted = places.filter((p) => p.key !== tokenise(p.surface).map((t) => t.key).join(' '));
    expect(drifted.map((p) => `${p.surface} → ${p.key}`)).toEqual([]);
  });

  it('holds each key once, with its countries and a default among them', () => {
    expect(new Set(places.map((p) => p.key)).size).toBe(places.length);
    const malformed = places.filter((p) => p.countries.length === 0 || (p.fallback !== null && !p.countries.includes(p.fallback)));
    expect(malformed).toEqual([]);
    // Shared names: several countries, the default one of them or none.
    expect(places.some((p) => p.countries.length > 1 && p.fallback === null)).toBe(true);
    expect(places.some((p) => p.countries.length > 1 && p.fallback !== null && p.fallback !== p.countries[0])).toBe(true);
  });

  it('keeps the note on sources and format', () => {
    const file = JSON.parse(readFileSync(new URL('../../../src/classification/data/places.generated.json', import.meta.url), 'utf8')) as { about?: unknown };
    expect(file.about).toEqual(expect.stringContaining('npm run build:gazetteer'));
  });
});
