/**
 * Countries named in a headline: longest whole-word match against the gazetteer, then
 * the ambiguity rules below.
 *
 * AMBIGUITY RULES (mirrored in the README):
 * - Case: names match only when written with a capital ("turkey", "chad", "china" in
 *   lower case are words, not countries). Abbreviations match only in capitals: "US",
 *   "U.S.", "USA", "UK", "U.K.", "UAE", "DRC"; "us" is the pronoun. Unions and alliances
 *   ("EU", "NATO", "UN", "G7", "ASEAN") are not countries and tag nothing.
 * - Longest match wins: "New Mexico", "New Jersey" → us, "Papua New Guinea" → pg,
 *   "South Sudan" → ss; region names that contain a country or demonym ("Latin America",
 *   "South China Sea", "Gulf of Guinea", "Central African") tag nothing.
 * - Personal names: "Jordan", "Chad", "Sofia", "Sydney", "Florence" are not places when
 *   a capitalised word that is not a place or a function word stands right next to them
 *   ("Michael Jordan", "Jordan Bardella", "Chad Smith"); in Title Case headlines, where
 *   every word is capitalised, only a short list of known name partners counts.
 * - Georgia: the country (ge) when the text has Caucasus context (Tbilisi, Georgian,
 *   Abkhazia, Armenia, Azerbaijan, Russia, the EU…); the US state (us) when it has US
 *   context instead (Atlanta, governor, county, Republican, another US place); the
 *   country when there is neither, as befits an international ticker.
 * - "Turkey" is Türkiye unless the text is about cooking or Thanksgiving (roast, recipe,
 *   stuffing, bird…). "Türkiye", "Turkish" and "Turkiye" always are.
 * - "Congo" and "Congolese" mean DR Congo (cd); the Republic of the Congo is written
 *   "Congo-Brazzaville", "Republic of the Congo" or "Brazzaville".
 * - "Brussels" is Belgium unless the text is about the EU or NATO, where it names the
 *   institutions, not the country.
 * - "Congress" and "Senate" mean the US ones only when no other country is named
 *   ("Peru's Congress" → pe only).
 * - Institutions and leaders tied to one country count for it (Kremlin → ru, Knesset →
 *   il, Downing Street → gb, Pope → va); see places-curated.ts and people-curated.ts.
 * - Generated places (GeoNames cities, subdivisions; generated-places.ts) fill only names no
 *   list above claims, and count only when:
 *   - no capitalised word that is not a function word, a place or a place word ("City",
 *     "Province") stands right before them, nor right after them outside Title Case:
 *     "Lewis Hamilton", "Kerry Lists", "SmartCity Kochi" are not places;
 *   - when the name is also a common English word or a first name ("Split", "Nice",
 *     "Reading", "Florence"), it follows a preposition of place ("in", "at", "near",
 *     "from", "outside"…): "Police in Split" is Croatia, "Split decision" is nothing;
 *   - a name shared by places in several countries means the one of them that the text
 *     names anyway ("Hyderabad, Pakistan" → pk; a country named in the same headline wins
 *     over a city elsewhere of the same name), else the place four times more populous
 *     than any other, else nothing.
 */
import type { GeneratedPlace } from './generated-places.ts';
import { ENGLISH, gazetteerFor, longestNameFrom } from './gazetteer.ts';
import type { Gazetteer, PlaceEntry } from './gazetteer.ts';
import { isTitleCase, joinsPhrase, surfaceOf } from './tokens.ts';
import type { Token } from './tokens.ts';

export interface RegionEvidence {
  readonly country: string;
  readonly matched: string[];
}

interface Hit {
  at: number;
  country: string;
  key: string;
  surface: string;
  weak: boolean;
}

const PERSON_NAME_PLACES = new Set(['jordan', 'chad', 'sofia', 'sydney', 'florence']);
// Partners that mark a personal name even in Title Case headlines.
const NAME_PARTNERS = new Set([
  'michael', 'b', 'smith', 'peterson', 'henderson', 'spieth', 'pickford', 'bardella', 'kroeger', 'sweeney', 'pugh',
  'welch', 'coppola', 'vergara', 'richter', 'daybell', 'love', 'clarkson', 'brand', 'poole', 'mcdermott',
]);
// Capitalised words that may stand next to a place name without making it a person.
const NOT_A_NAME = new Set([
  'in', 'to', 'from', 'and', 'with', 'of', 'the', 'a', 'an', 'for', 'on', 'at', 'by', 'as', 'after', 'over', 'says',
  'said', 'is', 'are', 'will', 'was', 'river', 'valley', 'rift', 'border', 'government', 'army', 'king', 'queen',
  'crown', 'prince', 'princess', 'president', 'minister', 'prime', 'foreign', 'national', 'state', 'republic', 'central',
  'bank', 'news', 'times', 'embassy', 'why', 'how', 'what', 'when', 'where', 'who', 'new', 'breaking', 'exclusive',
  'update', 'live', 'watch', 'opinion', 'analysis', 'report', 'visit', 'visits', 'war', 'refugees', 'forces',
]);

/** Words after which a common-word or first-name place is read as a place. */
const LOCATIVE = new Set([
  'in', 'at', 'near', 'from', 'outside', 'to', 'into', 'across', 'around', 'off', 'via', 'towards', 'toward', 'between',
  'inside', 'within', 'throughout',
]);
/** Capitalised words that may follow a place name without making it part of another name. */
const PLACE_WORDS = new Set([
  'city', 'county', 'province', 'state', 'region', 'district', 'prefecture', 'governorate', 'oblast', 'airport', 'port',
  'area', 'police', 'court', 'mayor', 'council', 'university', 'fc', 'united', 'residents', 'mps', 'governor',
]);

const TURKEY_BIRD_CONTEXT = new Set([
  'thanksgiving', 'roast', 'roasted', 'roasting', 'recipe', 'recipes', 'stuffing', 'gravy', 'bird', 'birds', 'poultry',
  'feathers', 'gobble', 'carve', 'carving', 'brine', 'sandwich', 'leftovers',
]);
const EU_CONTEXT = new Set(['eu', 'european', 'commission', 'nato', 'mep', 'meps', 'eurozone', 'bloc', 'summit']);
const WEAK_KEYS = new Set(['congress', 'senate']);

const GEORGIA_COUNTRY_CUES = new Set([
  'tbilisi', 'georgian', 'georgians', 'batumi', 'abkhazia', 'ossetia', 'caucasus', 'caucasian', 'kobakhidze',
  'saakashvili', 'zourabichvili', 'kavelashvili', 'ivanishvili', 'sakartvelo', 'eu', 'european', 'nato', 'kremlin',
]);
const GEORGIA_COUNTRY_NEIGHBOURS = new Set(['am', 'az', 'ru', 'ua', 'tr', 'ir', 'by', 'md', 'kz']);
const GEORGIA_STATE_CUES = new Set([
  'atlanta', 'savannah', 'augusta', 'macon', 'governor', 'gov', 'kemp', 'raffensperger', 'fulton', 'county', 'sheriff',
  'republican', 'republicans', 'democrat', 'democrats', 'gop', 'bulldogs', 'falcons', 'peach', 'statehouse',
]);

function accepts(entry: PlaceEntry, tokens: readonly Token[], from: number, to: number): boolean {
  const first = tokens[from];
  if (first === undefined) return false;
  if (!entry.exact) return first.capitalised;
  return (
    tokens
      .slice(from, to)
      .map((t) => t.raw)
      .join(' ') === entry.surface
  );
}

function lookup(maps: readonly Gazetteer[], key: string, tokens: readonly Token[], from: number, to: number) {
  for (const map of maps) {
    const entries = map.get(key);
    if (entries === undefined) continue;
    const hit = entries.find((e) => accepts(e, tokens, from, to));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

// Arabic-script words carry attached prefixes (و "and", ب "in", ل "to", ف "so"); retry
// a caseless single word without its first letter so "وإيران" still finds "إيران".
const ARABIC_PREFIX = /^[وبلف][\u0600-\u06FF]{3,}$/u;

function isPlace(key: string): boolean {
  return ENGLISH.get(key)?.some((e) => e.country !== null && e.generated === undefined) ?? false;
}

/** A capitalised word (not an acronym) that is no function word, place or place word: part of a longer name. */
function namePartner(t: Token | undefined, adjacent: boolean): boolean {
  if (t === undefined || !adjacent || !t.capitalised || !/\p{Ll}/u.test(t.raw)) return false;
  return !NOT_A_NAME.has(t.key) && !PLACE_WORDS.has(t.key) && !isPlace(t.key);
}

function acceptsGenerated(place: GeneratedPlace, tokens: readonly Token[], from: number, to: number, titleCase: boolean): boolean {
  const prev = tokens[from - 1];
  const next = tokens[to];
  const joined = (t: Token | undefined): boolean => t?.sepBefore === ' ' || t?.sepBefore === '-';
  if (namePartner(prev, joined(tokens[from]))) return false;
  if (!titleCase && namePartner(next, joined(next))) return false;
  return !place.marked || (prev !== undefined && LOCATIVE.has(prev.key));
}

/** A shared name means the country the text names anyway, else its dominant place, else nothing. */
function resolveGenerated(place: GeneratedPlace, named: ReadonlySet<string>): string | null {
  return place.countries.find((c) => named.has(c)) ?? place.fallback;
}

function looksLikePersonName(tokens: readonly Token[], i: number, titleCase: boolean): boolean {
  const self = tokens[i];
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  const partner = (t: Token | undefined, adjacent: boolean): boolean => {
    if (t === undefined || !adjacent || !t.capitalised) return false;
    if (NAME_PARTNERS.has(t.key)) return true;
    if (titleCase) return false;
    return !NOT_A_NAME.has(t.key) && !isPlace(t.key) && /\p{L}/u.test(t.raw);
  };
  return partner(next, next?.sepBefore === ' ') || partner(prev, self?.sepBefore === ' ');
}

function resolveGeorgia(keys: ReadonlySet<string>, others: readonly Hit[]): string {
  const countries = new Set(others.map((h) => h.country));
  if ([...keys].some((k) => GEORGIA_COUNTRY_CUES.has(k))) return 'ge';
  if ([...countries].some((c) => GEORGIA_COUNTRY_NEIGHBOURS.has(c))) return 'ge';
  if (countries.has('us') || [...keys].some((k) => GEORGIA_STATE_CUES.has(k))) return 'us';
  return 'ge';
}

/** The keys of the spans starting at `from` that hold together as one phrase, shortest first. */
function joinedKeys(tokens: readonly Token[], from: number, most: number): string[] {
  const keys: string[] = [];
  let key = '';
  for (let n = 0; n < most; n++) {
    const token = tokens[from + n];
    if (token === undefined || (n > 0 && !joinsPhrase(token))) break;
    key = n === 0 ? token.key : `${key} ${token.key}`;
    keys.push(key);
  }
  return keys;
}

export function findCountries(tokens: readonly Token[], lang?: string): RegionEvidence[] {
  const extra = gazetteerFor(lang);
  const maps: Gazetteer[] = extra === undefined ? [ENGLISH] : [extra, ENGLISH];
  // Computed only when a rule needs them: most words start no name at all.
  let titleCaseMemo: boolean | undefined;
  const titleCase = (): boolean => (titleCaseMemo ??= isTitleCase(tokens));
  let keysMemo: ReadonlySet<string> | undefined;
  const keys = (): ReadonlySet<string> => (keysMemo ??= new Set(tokens.map((t) => t.key)));
  const hits: Hit[] = [];
  const georgia: Array<{ at: number; surface: string }> = [];
  const generated: Array<{ at: number; place: GeneratedPlace; key: string; surface: string }> = [];

  let i = 0;
  while (i < tokens.length) {
    let consumed = 1;
    const first = tokens[i]?.key ?? '';
    const arabicRetry = first.charCodeAt(0) >= 0x600 && ARABIC_PREFIX.test(first);
    const longest = longestNameFrom(maps, first) ?? (arabicRetry ? 1 : 0);
    const spanKeys = joinedKeys(tokens, i, Math.min(longest, tokens.length - i));
    for (let n = spanKeys.length; n >= 1; n--) {
      const key = spanKeys[n - 1] ?? '';
      let entry = lookup(maps, key, tokens, i, i + n);
      if (entry === undefined && n === 1 && arabicRetry) entry = lookup(maps, key.slice(1), tokens, i, i + 1);
      if (entry === undefined) continue;
      consumed = n;
      const surface = surfaceOf(tokens.slice(i, i + n));
      if (entry.country === null) break;
      if (PERSON_NAME_PLACES.has(key) && looksLikePersonName(tokens, i, titleCase())) break;
      if (key === 'turkey' && [...keys()].some((k) => TURKEY_BIRD_CONTEXT.has(k))) break;
      if (key === 'brussels' && [...keys()].some((k) => EU_CONTEXT.has(k))) break;
      if (entry.generated !== undefined) {
        if (acceptsGenerated(entry.generated, tokens, i, i + n, titleCase())) generated.push({ at: i, place: entry.generated, key, surface });
      } else if (key === 'georgia') georgia.push({ at: i, surface });
      else hits.push({ at: i, country: entry.country, key, surface, weak: WEAK_KEYS.has(key) });
      break;
    }
    i += consumed;
  }

  const named = new Set(hits.map((h) => h.country));
  for (const g of generated) {
    const country = resolveGenerated(g.place, named);
    if (country !== null) hits.push({ at: g.at, country, key: g.key, surface: g.surface, weak: false });
  }
  const georgiaAs = georgia.length > 0 ? resolveGeorgia(keys(), hits) : 'ge';
  for (const g of georgia) hits.push({ at: g.at, country: georgiaAs, key: 'georgia', surface: g.surface, weak: false });
  hits.sort((a, b) => a.at - b.at);
  const strong = hits.filter((h) => !h.weak);
  const kept = hits.filter((h) => !h.weak || strong.every((s) => s.country === h.country));

  const byCountry = new Map<string, string[]>();
  for (const hit of kept) {
    const matched = byCountry.get(hit.country) ?? [];
    if (!matched.includes(hit.surface)) matched.push(hit.surface);
    byCountry.set(hit.country, matched);
  }
  return [...byCountry].map(([country, matched]) => ({ country, matched }));
}
