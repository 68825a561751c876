/**
 * Topic scoring with weighted lexicons (lexicon/*.ts). Chosen over a trained model
 * because a labelled set of a few hundred headlines is too small to learn 17 classes
 * from, and because every decision must be explainable term by term.
 *
 * At each word the longest matching term wins and consumes its words, so "air strike"
 * scores conflict once and is not also labour's "strike". Terms in several topics fire
 * for each. Title words count fully, summary words half (the title says what the story
 * is; a summary wanders).
 */
import { TOPIC_SLUGS } from '../channels/vocabulary.ts';
import { CULTURE } from './lexicon/culture.ts';
import { ECONOMY_SCIENCE } from './lexicon/economy-science.ts';
import { EVENTS } from './lexicon/events.ts';
import { EXPANDED } from './lexicon/expanded.ts';
import { FALSE_FRIENDS } from './lexicon/false-friends.ts';
import { PUBLIC_AFFAIRS } from './lexicon/public-affairs.ts';
import type { LexiconGroup, TopicLexicon } from './lexicon/types.ts';
import { NOTABLES } from './people-curated.ts';
import { foldKey, surfaceOf, tokenise } from './tokens.ts';
import type { Token } from './tokens.ts';

export interface TopicEvidence {
  readonly topic: string;
  readonly score: number;
  readonly matched: string[];
}

interface Part {
  readonly text: string;
  readonly prefix: boolean;
}

interface Pattern {
  readonly topic: string;
  readonly weight: number;
  readonly term: string;
  readonly parts: readonly Part[];
  /** Written in capitals in the lexicon: must be in capitals in the text. */
  readonly raw: string | null;
  /** A name ("^Djokovic"): must start with a capital in the text. */
  readonly capitalised: boolean;
  /** Context words that cancel this term (lexicon/false-friends.ts). */
  readonly unless: readonly Part[];
}

export const LEXICONS: LexiconGroup = { ...PUBLIC_AFFAIRS, ...ECONOMY_SCIENCE, ...EVENTS, ...CULTURE };

/** Ties go to the more specific topic: a story that is as much "politics" as "conflict" is conflict news; human interest, the catch-all, comes last. */
const TOPIC_PRIORITY: readonly string[] = [
  'disaster', 'weather', 'conflict', 'crime-law', 'health', 'education', 'sport', 'religion', 'science-technology',
  'environment', 'labour', 'arts-culture', 'lifestyle', 'economy', 'society', 'politics', 'human-interest',
];

const WEIGHTS: ReadonlyArray<readonly [keyof TopicLexicon, number]> = [
  ['strong', 3],
  ['medium', 2],
  ['weak', 1],
];
const PREFIX_INDEX_LENGTH = 3;
const SUMMARY_FACTOR = 0.5;
/** A topic needs this much evidence to be assigned at all. */
const MIN_PRIMARY_SCORE = 1;
/** Secondary topics need this much and at least half the leader's score. */
const MIN_SECONDARY_SCORE = 2;
const MAX_TOPICS = 3;

function contextPart(word: string): Part {
  const prefix = word.endsWith('*');
  return { text: foldKey(prefix ? word.slice(0, -1) : word), prefix };
}

function vetoesFor(topic: string, term: string): Part[] {
  return FALSE_FRIENDS.filter((f) => f.topic === topic && f.terms.includes(term)).flatMap((f) => f.unless.map(contextPart));
}

function compile(topic: string, written: string, weight: number): Pattern {
  const capitalised = written.startsWith('^');
  const term = capitalised ? written.slice(1) : written;
  const words = term.split(/\s+/).filter((w) => w.length > 0);
  const prefix = term.endsWith('*');
  const body = prefix ? term.slice(0, -1) : term;
  const tokens = tokenise(body);
  if (tokens.length === 0 || words.length === 0) throw new Error(`empty lexicon term for ${topic}: "${term}"`);
  const parts = tokens.map((t, i): Part => ({ text: t.key, prefix: prefix && i === tokens.length - 1 }));
  const first = parts[0];
  if (first?.prefix === true && first.text.length < PREFIX_INDEX_LENGTH) throw new Error(`prefix too short: "${term}"`);
  const capitals = /^[\p{Lu}\d\s-]+$/u.test(body) && /\p{Lu}/u.test(body);
  return { topic, weight, term, parts, raw: capitals ? tokens.map((t) => t.raw).join(' ') : null, capitalised, unless: vetoesFor(topic, term) };
}

const exactIndex = new Map<string, Pattern[]>();
const prefixIndex = new Map<string, Pattern[]>();

function index(pattern: Pattern): void {
  const first = pattern.parts[0];
  if (first === undefined) return;
  const target = first.prefix ? prefixIndex : exactIndex;
  const key = first.prefix ? first.text.slice(0, PREFIX_INDEX_LENGTH) : first.text;
  const list = target.get(key) ?? [];
  list.push(pattern);
  target.set(key, list);
}

for (const [topic, lexicon] of Object.entries(LEXICONS)) {
  if (!TOPIC_SLUGS.has(topic)) throw new Error(`lexicon for unknown topic ${topic}`);
  for (const [level, weight] of WEIGHTS) for (const term of lexicon[level]) index(compile(topic, term, weight));
}
// People, organisations and competitions: names, so they must be written with a capital.
const WEIGHT_OF = new Map(WEIGHTS);
for (const notable of NOTABLES) {
  if (!TOPIC_SLUGS.has(notable.topic)) throw new Error(`notable for unknown topic ${notable.topic}`);
  for (const name of notable.names) index(compile(notable.topic, `^${name}`, WEIGHT_OF.get(notable.weight) ?? 1));
}

function matchesAt(pattern: Pattern, tokens: readonly Token[], at: number): boolean {
  if (at + pattern.parts.length > tokens.length) return false;
  for (let k = 0; k < pattern.parts.length; k++) {
    const part = pattern.parts[k];
    const token = tokens[at + k];
    if (part === undefined || token === undefined) return false;
    if (part.prefix ? !token.key.startsWith(part.text) : token.key !== part.text) return false;
  }
  if (pattern.capitalised && tokens[at]?.capitalised !== true) return false;
  if (pattern.raw === null) return true;
  return (
    tokens
      .slice(at, at + pattern.parts.length)
      .map((t) => t.raw)
      .join(' ') === pattern.raw
  );
}

type Scores = Map<string, { score: number; matched: string[] }>;

/** True when a word of the headline cancels the term ("strikes" beside "earthquake" is not labour). */
function vetoed(pattern: Pattern, context: readonly string[]): boolean {
  return pattern.unless.some((part) => context.some((key) => (part.prefix ? key.startsWith(part.text) : key === part.text)));
}

/** Adds one term's score to its topic and its label to the topic's evidence (once). */
function addEvidence(scores: Scores, topic: string, amount: number, label: string): void {
  const entry = scores.get(topic) ?? { score: 0, matched: [] };
  entry.score += amount;
  if (!entry.matched.includes(label)) entry.matched.push(label);
  scores.set(topic, entry);
}

/** A word of the expanded lexicon (lexicon/expanded.ts), where no hand-written term matched: weak, and labelled so. */
function scoreExpanded(token: Token, factor: number, scores: Scores): void {
  const term = EXPANDED.get(token.key);
  if (term !== undefined) addEvidence(scores, term.topic, term.weight * factor, `${token.raw} [≈${term.topic}]`);
}

/**
 * The patterns of `list` that match at `at`, none shorter than the longest found so far, appended
 * to `found` (created only when something matches: most words match nothing).
 */
function collectMatches(list: readonly Pattern[] | undefined, tokens: readonly Token[], at: number, context: readonly string[], found: { patterns?: Pattern[]; longest: number }): void {
  if (list === undefined) return;
  for (const p of list) {
    if (p.parts.length < found.longest || !matchesAt(p, tokens, at) || vetoed(p, context)) continue;
    found.longest = p.parts.length;
    (found.patterns ??= []).push(p);
  }
}

function scoreTokens(tokens: readonly Token[], factor: number, scores: Scores, context: readonly string[]): void {
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    const exact = exactIndex.get(token.key);
    const prefixed = token.key.length < PREFIX_INDEX_LENGTH ? undefined : prefixIndex.get(token.key.slice(0, PREFIX_INDEX_LENGTH));
    const found: { patterns?: Pattern[]; longest: number } = { longest: 0 };
    collectMatches(exact, tokens, i, context, found);
    collectMatches(prefixed, tokens, i, context, found);
    const { patterns: candidates, longest } = found;
    if (candidates === undefined) {
      scoreExpanded(token, factor, scores);
      i += 1;
      continue;
    }
    const surface = surfaceOf(tokens.slice(i, i + longest));
    // One term per topic at a position, the heaviest: "strike" is not counted twice.
    const best = new Map<string, Pattern>();
    for (const p of candidates) {
      if (p.parts.length !== longest) continue;
      const seen = best.get(p.topic);
      if (seen === undefined || p.weight > seen.weight) best.set(p.topic, p);
    }
    for (const p of best.values()) {
      // Show the lexicon term too when it is not literally what the text says ("elections [election*]").
      addEvidence(scores, p.topic, p.weight * factor, foldKey(surface) === p.term ? surface : `${surface} [${p.term}]`);
    }
    i += longest;
  }
}

const priorityOf = (topic: string): number => TOPIC_PRIORITY.indexOf(topic);

/** Every topic with evidence, best first. */
export function scoreTopics(title: readonly Token[], summary: readonly Token[]): TopicEvidence[] {
  const scores: Scores = new Map();
  const titleKeys = title.map((t) => t.key);
  scoreTokens(title, 1, scores, titleKeys);
  scoreTokens(summary, SUMMARY_FACTOR, scores, [...titleKeys, ...summary.map((t) => t.key)]);
  return [...scores]
    .map(([topic, s]) => ({ topic, score: Math.round(s.score * 100) / 100, matched: s.matched }))
    .sort((a, b) => b.score - a.score || priorityOf(a.topic) - priorityOf(b.topic));
}

/** The topics to tag: the leader if it has enough evidence, then close runners-up, at most three. */
export function chooseTopics(evidence: readonly TopicEvidence[]): string[] {
  const leader = evidence[0];
  if (leader === undefined || leader.score < MIN_PRIMARY_SCORE) return [];
  const floor = Math.max(MIN_SECONDARY_SCORE, leader.score / 2);
  const rest = evidence.slice(1).filter((e) => e.score >= floor);
  return [leader, ...rest].slice(0, MAX_TOPICS).map((e) => e.topic);
}
