/**
 * The publisher's own evidence: the item's categories and the section path of its link,
 * read with the table in feed-sections.ts and with the place gazetteer. A topic found here is
 * strong evidence and leads; the text's words decide the topic only where nothing maps.
 */
import { SECTION_TABLE } from './feed-sections.ts';
import { findCountries } from './regions.ts';
import { tokenise } from './tokens.ts';

export interface FeedEvidence {
  /** Topics in order of first mention, categories before sections. */
  readonly topics: string[];
  /** For each topic, how many categories and sections map to it. */
  readonly labelCounts: ReadonlyMap<string, number>;
  /** Countries and M49 areas. */
  readonly regions: string[];
  /** What matched, for explanations: "category Sport → sport", "section us → us". */
  readonly matched: string[];
}

/** Categories and sections are short; longer ones are sentences, not labels. */
const MAX_LABEL_WORDS = 8;
/** A last path segment of this many hyphenated words is an article's slug, not a section. */
const MIN_SLUG_WORDS = 4;
/** Path segments looked at, from the start: sections come before the article's own slug. */
const MAX_SECTIONS = 4;
const LONGEST_PHRASE = Math.max(...[...SECTION_TABLE.keys()].map((k) => k.split(' ').length));

// "worldNews" → "world News"; "us-news" → "us news".
const splitWords = (label: string): string => label.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_+]/g, ' ');
// Lower-case labels ("india", "germany") are capitalised so that the gazetteer's case rule lets them in.
const capitalise = (label: string): string =>
  /\p{Lu}/u.test(label) ? label : label.replace(/(^|\s)(\p{Ll})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());

/** The section segments of a link's path: every segment but the last (the article), no dates or ids. */
export function sectionsOf(url: string | undefined): string[] {
  if (url === undefined) return [];
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  const segments = path.split('/').filter((s) => s.length > 0);
  // The last segment is the article, unless the path ends with "/" and it is short: then it is
  // a section page ("/world/middle-east/"). A slug of four or more words is an article even
  // with a trailing "/" (the Japan Times writes "/music/david-bowie-always-will-us/").
  const last = segments[segments.length - 1] ?? '';
  const isSectionPage = path.endsWith('/') && last.split(/[-_]/).length < MIN_SLUG_WORDS;
  const sections = isSectionPage ? segments : segments.slice(0, -1);
  return sections
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .filter((s) => /\p{L}/u.test(s) && !/\d{3,}/.test(s) && s.length <= 40)
    .slice(0, MAX_SECTIONS);
}

interface Collected {
  readonly topics: Map<string, number>;
  readonly regions: Set<string>;
  readonly matched: string[];
}

function readLabel(label: string, kind: 'category' | 'section', out: Collected, lang?: string): void {
  const text = capitalise(splitWords(label));
  const tokens = tokenise(text);
  if (tokens.length === 0 || tokens.length > MAX_LABEL_WORDS) return;
  const keys = tokens.map((t) => t.key);
  const topicsOfLabel = new Set<string>();
  let i = 0;
  while (i < keys.length) {
    let consumed = 1;
    for (let n = Math.min(LONGEST_PHRASE, keys.length - i); n >= 1; n--) {
      const meanings = SECTION_TABLE.get(keys.slice(i, i + n).join(' '));
      if (meanings === undefined) continue;
      for (const m of meanings) {
        if (m.topic !== undefined) topicsOfLabel.add(m.topic);
        if (m.region !== undefined) out.regions.add(m.region);
        out.matched.push(`${kind} ${label} → ${[m.topic, m.region].filter((x) => x !== undefined).join(', ')}`);
      }
      consumed = n;
      break;
    }
    i += consumed;
  }
  for (const topic of topicsOfLabel) out.topics.set(topic, (out.topics.get(topic) ?? 0) + 1);
  for (const found of findCountries(tokens, lang)) {
    out.regions.add(found.country);
    out.matched.push(`${kind} ${label} → ${found.country}`);
  }
}

export function readFeedEvidence(categories: readonly string[] | undefined, url: string | undefined, lang?: string): FeedEvidence {
  const out: Collected = { topics: new Map(), regions: new Set(), matched: [] };
  for (const category of categories ?? []) readLabel(category, 'category', out, lang);
  for (const section of sectionsOf(url)) readLabel(section, 'section', out, lang);
  return { topics: [...out.topics.keys()], labelCounts: out.topics, regions: [...out.regions], matched: out.matched };
}
