/**
 * The place-name dictionary: every name, official name, alternative spelling, capital and
 * English demonym in world-countries, plus the curated list, keyed by the folded tokens of the
 * name joined by single spaces. The English gazetteer, with the generated places, is compiled
 * once at import. Translations of country names are kept per language and used only for text in
 * that language, because foreign names of countries are often ordinary words in English; each is
 * compiled the first time a text in its language is classified, since most deployments see only
 * English and compiling all twenty at import cost more than the rest of the load.
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

type Kind = 'curated' | 'name' | 'alt' | 'capital' | 'demonym' | 'translation';
// Lower rank wins when two sources give the same key to different countries. Generated places
// rank below all of these: they only fill keys nothing here has claimed (Builder.build).
const RANK: Readonly<Record<Kind, number>> = { curated: 0, name: 1, alt: 2, capital: 3, translation: 3, demonym: 4 };

export interface Gazetteer extends ReadonlyMap<string, readonly PlaceEntry[]> {
  /**
   * For each word that starts some name here: the most words a name starting with it has (at most
   * MAX_PHRASE_TOKENS). Lets the matcher skip at once the many words that start no name at all.
   */
  readonly firstWords: ReadonlyMap<string, number>;
}

/** Names longer than this many words are not looked for (none are useful). */
const MAX_PHRASE_TOKENS = 8;

/** Records a key's first word and length in the index; counts spaces rather than splitting the key. */
function noteFirstWord(index: Map<string, number>, key: string): void {
  const space = key.indexOf(' ');
  let words = 1;
  for (let at = space; at >= 0 && words < MAX_PHRASE_TOKENS; at = key.indexOf(' ', at + 1)) words += 1;
  const first = space < 0 ? key : key.slice(0, space);
  if ((index.get(first) ?? 0) < words) index.set(first, words);
}

interface Draft {
  entry: PlaceEntry;
  rank: number;
}

const ALL_CAPS = /^[\p{Lu}\d\s.-]+$/u;

class Builder {
  private readonly drafts = new Map<string, Draft[]>();

  add(term: string, country: string | null, kind: Kind): void {
    const exactMarked = term.startsWith('=');
    const text = exactMarked ? term.slice(1) : term;
    const tokens = tokenise(text);
    const key = tokens.map((t) => t.key).join(' ');
    if (key.length === 0) return;
    if (kind !== 'curated' && BLOCKED_GENERATED.has(key)) return;
    // Generated short codes ("AZ", "IS", "IT", "AM") are words in English; only the
    // curated list contributes abbreviations.
    if (kind === 'alt' && key.replace(/ /g, '').length <= 3) return;
    const exact = exactMarked || (text.length >= 2 && ALL_CAPS.test(text));
    const entry: PlaceEntry = { country, surface: exact ? tokens.map((t) => t.raw).join(' ') : text, exact };
    const list = this.drafts.get(key) ?? [];
    const rank = kind === 'demonym' && PREFERRED[key] === country ? -1 : RANK[kind];
    const same = list.findIndex((d) => d.entry.exact === exact && (!exact || d.entry.surface === entry.surface));
    const existing = same >= 0 ? list[same] : undefined;
    if (existing === undefined) list.push({ entry, rank });
    else if (rank < existing.rank) list[same] = { entry, rank };
    this.drafts.set(key, list);
  }

  /**
   * The listed names, then the generated places: a generated place never displaces a listed name,
   * and the blocked names stay out. The generated entries go straight into the result (no draft
   * each): they are nine in ten of the English gazetteer's 28,000 names.
   */
  build(generated: readonly GeneratedPlace[] = []): Gazetteer {
    const names = new Map<string, readonly PlaceEntry[]>();
    const firstWords = new Map<string, number>();
    for (const [key, list] of this.drafts) {
      names.set(key, list.map((d) => d.entry));
      noteFirstWord(firstWords, key);
    }
    for (const place of generated) {
      const { key } = place;
      const country = place.fallback ?? place.countries[0];
      if (key.length === 0 || country === undefined || names.has(key) || BLOCKED_GENERATED.has(key)) continue;
      names.set(key, [{ country, surface: place.surface, exact: false, generated: place }]);
      noteFirstWord(firstWords, key);
    }
    return Object.assign(names, { firstWords });
  }
}

function englishGazetteer(): Gazetteer {
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
  return b.build(loadGeneratedPlaces());
}

/**
 * ISO 639-1 (as feeds declare `lang`) → the ISO 639-3 keys of world-countries' translations. A Map,
 * not an object, because it is looked up with whatever a feed declares ("constructor" finds nothing).
 */
const TRANSLATION_LANGS: ReadonlyMap<string, string> = new Map(Object.entries({
  ar: 'ara', cs: 'ces', de: 'deu', et: 'est', fi: 'fin', fr: 'fra', hr: 'hrv', hu: 'hun', it: 'ita', nl: 'nld',
  fa: 'per', pl: 'pol', pt: 'por', ru: 'rus', sk: 'slk', es: 'spa', sr: 'srp', sv: 'swe', tr: 'tur', ur: 'urd',
  // Chinese, Japanese and Korean are left out: they are written without spaces, which
  // whole-word matching needs.
}));

function translationGazetteer(iso3: string): Gazetteer {
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
/** The translation gazetteers compiled so far, by primary language subtag. */
const BY_LANGUAGE = new Map<string, Gazetteer>();

/** The extra dictionary for a declared language ("de", "pt-BR"), if there is one; compiled on first use. */
export function gazetteerFor(lang: string | undefined): Gazetteer | undefined {
  if (lang === undefined) return undefined;
  const primary = lang.toLowerCase().split(/[-_]/)[0] ?? '';
  const compiled = BY_LANGUAGE.get(primary);
  if (compiled !== undefined) return compiled;
  const iso3 = TRANSLATION_LANGS.get(primary);
  if (iso3 === undefined) return undefined;
  const built = translationGazetteer(iso3);
  BY_LANGUAGE.set(primary, built);
  return built;
}

/** The most words a name starting with `word` has in any of these gazetteers; undefined when none starts so. */
export function longestNameFrom(maps: readonly Gazetteer[], word: string): number | undefined {
  let most: number | undefined;
  for (const map of maps) {
    const words = map.firstWords.get(word);
    if (words !== undefined && (most === undefined || words > most)) most = words;
  }
  return most;
}
