/**
 * The generated part of the gazetteer: cities over about 15,000 inhabitants, capitals and
 * administrative seats (GeoNames), and first-level subdivisions, written by
 * scripts/build-gazetteer.ts into data/places.generated.json. Read once, when the English
 * gazetteer is compiled. The file carries each name's look-up key already worked out, so that
 * reading it is a JSON parse and a split per country, not a Unicode fold of every name.
 */
import { readFileSync } from 'node:fs';
import { tokenise } from './tokens.ts';

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

/**
 * Records are `Surface[=key][~]` joined by "|". The key is written only where it is not just the
 * surface in lower case (diacritics, hyphens, apostrophes); "~" marks a common word or first name.
 */
interface GeneratedFile {
  /** Country code → the names only that country has. */
  readonly places: Readonly<Record<string, string>>;
  /** "countries>default" ("gb,us>gb"; default "" when none dominates) → names those countries share. */
  readonly shared: Readonly<Record<string, string>>;
}

const DATA = new URL('./data/places.generated.json', import.meta.url);
const TILDE = 0x7e;

/** How the matcher keys a name: its tokens' folded keys joined by single spaces. The build writes this. */
export function lookupKey(name: string): string {
  return tokenise(name)
    .map((t) => t.key)
    .join(' ');
}

function readRecords(records: string, countries: readonly string[], fallback: string | null, out: GeneratedPlace[]): void {
  for (const record of records.split('|')) {
    const marked = record.charCodeAt(record.length - 1) === TILDE;
    const body = marked ? record.slice(0, -1) : record;
    const eq = body.indexOf('=');
    const surface = eq < 0 ? body : body.slice(0, eq);
    out.push({ surface, key: eq < 0 ? surface.toLowerCase() : body.slice(eq + 1), countries, fallback, marked });
  }
}

export function loadGeneratedPlaces(): GeneratedPlace[] {
  const file = JSON.parse(readFileSync(DATA, 'utf8')) as GeneratedFile;
  const out: GeneratedPlace[] = [];
  // One countries array per group, shared by its places (they are read-only).
  for (const [country, records] of Object.entries(file.places)) readRecords(records, [country], country, out);
  for (const [group, records] of Object.entries(file.shared)) {
    const [countries = '', fallback = ''] = group.split('>');
    readRecords(records, countries.split(','), fallback === '' ? null : fallback, out);
  }
  return out;
}
