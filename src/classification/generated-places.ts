/**
 * The generated part of the gazetteer: cities over about 15,000 inhabitants, capitals and
 * administrative seats (GeoNames), and first-level subdivisions, written by
 * scripts/build-gazetteer.ts into data/places.generated.json. Read once, at import.
 */
import { readFileSync } from 'node:fs';
import { foldKey } from './tokens.ts';

export interface GeneratedPlace {
  /** The name as listed, for evidence. */
  readonly surface: string;
  /** Its look-up key: folded words joined by single spaces, as gazetteer.ts keys every name. */
  readonly key: string;
  /** Every country with a place of this name. */
  readonly countries: readonly string[];
  /** The country the name means when nothing in the text decides; null when none dominates. */
  readonly fallback: string | null;
  /** Also a common English word or a first name: stricter rules apply (regions.ts). */
  readonly marked: boolean;
}

interface GeneratedFile {
  readonly places: Readonly<Record<string, string>>;
  readonly defaults: Readonly<Record<string, string>>;
}

const DATA = new URL('./data/places.generated.json', import.meta.url);
const NON_WORD = /[^\p{L}\p{N}]+/u;

/** What `termKey` gives for a listed name, without tokenising 27,000 names one by one. */
const keyOf = (folded: string): string => folded.split(NON_WORD).filter((w) => w.length > 0).join(' ');

export function loadGeneratedPlaces(): GeneratedPlace[] {
  const file = JSON.parse(readFileSync(DATA, 'utf8')) as GeneratedFile;
  const byKey = new Map<string, { surface: string; key: string; countries: string[]; marked: boolean }>();
  for (const [country, names] of Object.entries(file.places)) {
    for (const listed of names.split('|')) {
      const marked = listed.endsWith('~');
      const surface = marked ? listed.slice(0, -1) : listed;
      const key = foldKey(surface);
      const place = byKey.get(key) ?? { surface, key: keyOf(key), countries: [], marked };
      place.countries.push(country);
      place.marked ||= marked;
      byKey.set(key, place);
    }
  }
  return [...byKey].map(([key, place]) => {
    const shared = file.defaults[key];
    const fallback = shared === undefined ? (place.countries[0] ?? null) : shared === '' ? null : shared;
    return { ...place, fallback };
  });
}
