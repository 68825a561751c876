/**
 * The place-name dictionary, compiled once at import: every name, official name,
 * alternative spelling, capital and English demonym in world-countries, plus the curated
 * list, keyed by the folded tokens of the name joined by single spaces. Translations of
 * country names are kept per language and used only for text in that language, because
 * foreign names of countries are often ordinary words in English.
 */
import { COUNTRIES } from '../channels/countries-data.ts';
import { loadGeneratedPlaces } from './generated-places.ts';
import type { GeneratedPlace } from './generated-places.ts';
import { NOTABLES } from './people-curated.ts';
import { BLOCKED_GENERATED, BLOCKED_PHRASES, CURATED_PLACES, PREFERRED } from './places-curated.ts';
import { tokenise } from './tokens.ts';

export interface PlaceEntry {
  /** Lower-case alpha-2 code, or null for a blocking phrase that tags nothing. */
  readonly country: string | null;
  /** The name as listed, for evidence. */
  readonly surface: string;
  /** When true the text must spell the name exactly so (case and diacritics). */
  readonly exact: boolean;
  /** Set for a city or subdivision of the generated list: its own rules apply (regions.ts). */
  readonly generated?: GeneratedPlace;
}

type Kind = 'curated' | 'name' | 'alt' | 'capital' | 'demonym' | 'translation' | 'generated';
// Lower rank wins when two sources give the same key to different countries.
const RANK: Readonly<Record<Kind, number>> = { curated: 0, name: 1, alt: 2, capital: 3, translation: 3, demonym: 4, generated: 5 };

export type Gazetteer = ReadonlyMap<string, readonly PlaceEntry[]>;

interface Draft {
  entry: PlaceEntry;
  rank: number;
}

const ALL_CAPS = /^[\p{Lu}\d\s.-]+$/u;

function termKey(term: string): string {
  return tokenise(term)
    .map((t) => t.key)
    .join(' ');
}

function exactSurface(term: string): string {
  return tokenise(term)
    .map((t) => t.raw)
    .join(' ');
}

class Builder {
  private readonly drafts = new Map<string, Draft[]>();

  add(term: string, country: string | null, kind: Kind): void {
    const exactMarked = term.startsWith('=');
    const text = exactMarked ? term.slice(1) : term;
    const key = termKey(text);
    if (key.length === 0) return;
    if (kind !== 'curated' && BLOCKED_GENERATED.has(key)) return;
    // Generated short codes ("AZ", "IS", "IT", "AM") are words in English; only the
    // curated list contributes abbreviations.
    if (kind === 'alt' && key.replace(/ /g, '').length <= 3) return;
    const exact = exactMarked || (text.length >= 2 && ALL_CAPS.test(text));
    const entry: PlaceEntry = { country, surface: exact ? exactSurface(text) : text, exact };
    const list = this.drafts.get(key) ?? [];
    const rank = kind === 'demonym' && PREFERRED[key] === country ? -1 : RANK[kind];
    const same = list.findIndex((d) => d.entry.exact === exact && (!exact || d.entry.surface === entry.surface));
    const existing = same >= 0 ? list[same] : undefined;
    if (existing === undefined) list.push({ entry, rank });
    else if (rank < existing.rank) list[same] = { entry, rank };
    this.drafts.set(key, list);
  }

  /** A generated place never displaces a listed name, and the blocked names stay out. */
  addGenerated(place: GeneratedPlace): void {
    const { key } = place;
    const country = place.fallback ?? place.countries[0];
    if (key.length === 0 || country === undefined || this.drafts.has(key) || BLOCKED_GENERATED.has(key)) return;
    this.drafts.set(key, [{ entry: { country, surface: place.surface, exact: false, generated: place }, rank: RANK.generated }]);
  }

  build(): Map<string, readonly PlaceEntry[]> {
    const out = new Map<string, readonly PlaceEntry[]>();
    for (const [key, list] of this.drafts) out.set(key, list.map((d) => d.entry));
    return out;
  }
}

function englishGazetteer(): Map<string, readonly PlaceEntry[]> {
  const b = new Builder();
  for (const phrase of BLOCKED_PHRASES) b.add(phrase, null, 'curated');
  for (const [country, terms] of Object.entries(CURATED_PLACES)) for (const term of terms) b.add(term, country, 'curated');
  for (const notable of NOTABLES) if (notable.country !== null) for (const name of notable.names) b.add(name, notable.country, 'curated');
  for (const c of COUNTRIES) {
    const code = c.cca2.toLowerCase();
    b.add(c.name.common, code, 'name');
    b.add(c.name.official, code, 'name');
    for (const alt of c.altSpellings) b.add(alt, code, 'alt');
    for (const capital of c.capital) b.add(capital, code, 'capital');
    const demonyms = c.demonyms['eng'];
    if (demonyms === undefined) continue;
    b.add(demonyms.m, code, 'demonym');
    b.add(demonyms.f, code, 'demonym');
    // Plural demonyms ("Azerbaijanis", "Israelis", "New Zealanders") are common in headlines.
    if (/(?:[ian]|er)$/.test(demonyms.m)) b.add(`${demonyms.m}s`, code, 'demonym');
  }
  // "Georgia" is resolved by its own rule (regions.ts); listed here so that it is found.
  b.add('Georgia', 'ge', 'curated');
  // Last: the generated cities and subdivisions fill only names nothing above has claimed.
  for (const place of loadGeneratedPlaces()) b.addGenerated(place);
  return b.build();
}

/** ISO 639-1 (as feeds declare `lang`) → the ISO 639-3 keys of world-countries' translations. */
const TRANSLATION_LANGS: Readonly<Record<string, string>> = {
  ar: 'ara', cs: 'ces', de: 'deu', et: 'est', fi: 'fin', fr: 'fra', hr: 'hrv', hu: 'hun', it: 'ita', nl: 'nld',
  fa: 'per', pl: 'pol', pt: 'por', ru: 'rus', sk: 'slk', es: 'spa', sr: 'srp', sv: 'swe', tr: 'tur', ur: 'urd',
  // Chinese, Japanese and Korean are left out: they are written without spaces, which
  // whole-word matching needs.
};

function translationGazetteer(iso3: string): Map<string, readonly PlaceEntry[]> {
  const b = new Builder();
  for (const c of COUNTRIES) {
    const code = c.cca2.toLowerCase();
    const t = c.translations[iso3];
    if (t !== undefined) {
      b.add(t.common, code, 'translation');
      b.add(t.official, code, 'translation');
    }
    const demonyms = c.demonyms[iso3];
    if (demonyms !== undefined) {
      b.add(demonyms.m, code, 'demonym');
      b.add(demonyms.f, code, 'demonym');
    }
  }
  return b.build();
}

export const ENGLISH: Gazetteer = englishGazetteer();
const BY_LANGUAGE = new Map<string, Gazetteer>(
  Object.entries(TRANSLATION_LANGS).map(([lang, iso3]) => [lang, translationGazetteer(iso3)]),
);

/** The extra dictionary for a declared language ("de", "pt-BR"), if there is one. */
export function gazetteerFor(lang: string | undefined): Gazetteer | undefined {
  if (lang === undefined) return undefined;
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  return BY_LANGUAGE.get(primary);
}

/** Names longer than this many words are not looked for (none are useful). */
const MAX_PHRASE_TOKENS = 8;

/**
 * For each word that starts some name: the most words a name starting with it has.
 * Lets the matcher skip at once the many words that start no name at all.
 */
function firstWordIndex(maps: readonly Gazetteer[]): ReadonlyMap<string, number> {
  const index = new Map<string, number>();
  for (const map of maps) {
    for (const key of map.keys()) {
      const words = key.split(' ');
      const first = words[0] ?? '';
      index.set(first, Math.min(MAX_PHRASE_TOKENS, Math.max(index.get(first) ?? 0, words.length)));
    }
  }
  return index;
}

export const FIRST_WORDS: ReadonlyMap<string, number> = firstWordIndex([ENGLISH, ...BY_LANGUAGE.values()]);
