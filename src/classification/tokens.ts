/**
 * Tokenisation shared by the region and topic matchers. One pass over the text yields
 * word tokens with a folded key (lower case, diacritics removed) for dictionary look-up,
 * plus what the ambiguity rules need: the raw surface (for case-aware matching) and the
 * characters separating a token from the previous one (a name is "adjacent" only across
 * a plain space, not across a comma or a possessive).
 */

export interface Token {
  /** The word as written. */
  readonly raw: string;
  /** Lower case, diacritics stripped: the look-up key. */
  readonly key: string;
  /** Starts with an upper-case letter, or is in a script without case (Arabic, Persian…). */
  readonly capitalised: boolean;
  /** Characters between the previous token and this one ('' for the first token). */
  readonly sepBefore: string;
}

/**
 * Upper bound on the characters analysed per field. Ingestion caps titles at 300 and
 * summaries at 1000 characters already; this bound keeps a direct caller that passes
 * a megabyte of text to a few milliseconds instead of scanning all of it.
 */
const MAX_ANALYSED_CHARS = 8000;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const COMBINING = /\p{M}+/gu;
const HAS_CASE = /[\p{Lu}\p{Ll}]/u;
const UPPER_START = /^\p{Lu}/u;

// "U.S." / "U.K." would otherwise split into single letters; rewrite them to the
// forms the gazetteer knows before tokenising. Only the dotted upper-case spellings.
const DOTTED_ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bU\.S\.A\.?/g, 'USA'],
  [/\bU\.S\.?(?![A-Za-z])/g, 'US'],
  [/\bU\.K\.?(?![A-Za-z])/g, 'UK'],
];

const NOT_ASCII = /[^ -~]/;

export function foldKey(word: string): string {
  // Most words are plain ASCII: no decomposition needed.
  if (!NOT_ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(COMBINING, '').toLowerCase();
}

export function tokenise(input: string): Token[] {
  let text = input.length > MAX_ANALYSED_CHARS ? input.slice(0, MAX_ANALYSED_CHARS) : input;
  for (const [pattern, replacement] of DOTTED_ABBREVIATIONS) text = text.replace(pattern, replacement);
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index;
    const key = foldKey(raw);
    if (key.length === 0) continue;
    tokens.push({
      raw,
      key,
      capitalised: UPPER_START.test(raw) || !HAS_CASE.test(raw),
      sepBefore: text.slice(previousEnd, start),
    });
    previousEnd = start + raw.length;
  }
  return tokens;
}

/** Separators allowed inside a multi-word name: spaces, hyphens, apostrophes, dots. */
const PHRASE_SEPARATOR = /^[\s\-'’‘.]{1,3}$/u;

export function joinsPhrase(token: Token): boolean {
  return PHRASE_SEPARATOR.test(token.sepBefore);
}

/**
 * Title Case ("Jordan Hosts Regional Talks") makes "next word is capitalised" useless as
 * a sign of a personal name, so the name rules switch to their explicit lists then.
 */
export function isTitleCase(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => t.raw.length >= 4 && HAS_CASE.test(t.raw));
  if (words.length < 4) return false;
  const capitalised = words.filter((t) => UPPER_START.test(t.raw)).length;
  return capitalised / words.length >= 0.75;
}

/** The words as written, with the separators between them ("Côte d'Ivoire", not "Côte d Ivoire"). */
export function surfaceOf(span: readonly Token[]): string {
  return span.map((t, k) => (k === 0 ? t.raw : t.sepBefore + t.raw)).join('');
}
