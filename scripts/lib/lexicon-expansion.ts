/**
 * Lexicon expansion through word embeddings, for scripts/build-expanded-lexicon.ts: which
 * vocabulary words lie close to one topic's hand-written lexicon and clearly closer to it than to
 * any other. Pure functions over an in-memory vector table, so that variants can be compared.
 */
import type { LexiconGroup } from '../../src/classification/lexicon/types.ts';

/** Unit-length vectors, row by row, of words in the source's frequency order. */
export interface VectorTable {
  readonly words: readonly string[];
  readonly dims: number;
  readonly data: Float32Array;
  readonly row: ReadonlyMap<string, number>;
}

export interface ExpansionOptions {
  /** How a word is compared with a topic: with the centroid of its lexicon, or with its k nearest lexicon words. */
  readonly method: 'centroid' | 'knn';
  readonly k: number;
  /** Least similarity to the chosen topic. */
  readonly minSimilarity: number;
  /** Least lead of the chosen topic's similarity over the runner-up's. */
  readonly margin: number;
  /** At most this many words per topic, the most similar first. */
  readonly maxPerTopic: number;
  /** Lexicon weights (strong 3, medium 2, weak 1) weigh the seeds of a centroid. */
  readonly weighSeeds: boolean;
}

export interface Expansion {
  readonly word: string;
  readonly topic: string;
  readonly similarity: number;
  readonly margin: number;
}

const LEVELS = [
  ['strong', 3],
  ['medium', 2],
  ['weak', 1],
] as const;

/** Words of no topic: function words and reporting verbs. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost also although always am among an and another any are around as at ' +
    'back be became because become been before being below between both but by can cannot could did do does doing done ' +
    'down during each either else even ever every few for from further get gets got had has have having he her here hers ' +
    'herself him himself his how however if in into is it its itself just last least less like made make many may me might ' +
    'more most much must my myself near neither never new next no nor not now of off often on once one only or other ' +
    'others our ours out over own per perhaps quite rather really same says said say shall she should since so some ' +
    'still such than that the their theirs them themselves then there these they this those though through thus to ' +
    'together too toward towards under until up upon us very via was we well were what whatever when where whether which ' +
    'while who whom whose why will with within without would yet you your yours yourself'
  ).split(' '),
);

const dot = (table: VectorTable, a: number, b: Float32Array, offset = 0): number => {
  let sum = 0;
  const base = a * table.dims;
  for (let d = 0; d < table.dims; d++) sum += (table.data[base + d] ?? 0) * (b[offset + d] ?? 0);
  return sum;
};

function normalise(v: Float32Array): Float32Array | null {
  let norm = 0;
  for (const x of v) norm += x * x;
  if (norm === 0) return null;
  const scale = 1 / Math.sqrt(norm);
  return v.map((x) => x * scale);
}

/** The mean of the rows' unit vectors, itself of unit length; null for no rows. */
function meanOf(table: VectorTable, rows: readonly number[]): Float32Array | null {
  if (rows.length === 0) return null;
  const sum = new Float32Array(table.dims);
  for (const r of rows) for (let d = 0; d < table.dims; d++) sum[d] = (sum[d] ?? 0) + (table.data[r * table.dims + d] ?? 0);
  return normalise(sum);
}

/** A seed: one hand-written term, as the vector of its word or the mean of the words its prefix matches. */
interface Seed {
  readonly vector: Float32Array;
  readonly weight: number;
}

/** The vocabulary rows a single-word term matches ("elect*" → election, elected…); none for phrases, names and capitals. */
export function termRows(table: VectorTable, term: string, limit: number): number[] {
  if (term.startsWith('^') || /\s/.test(term) || /\p{Lu}/u.test(term)) return [];
  const prefix = term.endsWith('*');
  const body = (prefix ? term.slice(0, -1) : term).toLowerCase();
  if (!/^[a-z]+$/.test(body)) return [];
  if (!prefix) {
    const r = table.row.get(body);
    return r === undefined || r >= limit ? [] : [r];
  }
  const rows: number[] = [];
  for (let r = 0; r < Math.min(limit, table.words.length); r++) if (table.words[r]?.startsWith(body) === true) rows.push(r);
  return rows;
}

/** Every single-word term of each topic as a seed vector. */
export function seedsOf(table: VectorTable, lexicons: LexiconGroup, limit: number): Map<string, Seed[]> {
  const seeds = new Map<string, Seed[]>();
  for (const [topic, lexicon] of Object.entries(lexicons)) {
    const list: Seed[] = [];
    for (const [level, weight] of LEVELS) {
      for (const term of lexicon[level]) {
        const vector = meanOf(table, termRows(table, term, limit));
        if (vector !== null) list.push({ vector, weight });
      }
    }
    seeds.set(topic, list);
  }
  return seeds;
}

/** Every vocabulary word a hand-written single-word term already matches, in any topic. */
export function coveredWords(table: VectorTable, lexicons: LexiconGroup): Set<string> {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const lexicon of Object.values(lexicons)) {
    for (const [level] of LEVELS) {
      for (const written of lexicon[level]) {
        const term = written.replace(/^\^/, '').toLowerCase();
        if (/\s/.test(term)) continue;
        if (term.endsWith('*')) prefixes.push(term.slice(0, -1));
        else exact.add(term);
      }
    }
  }
  return new Set(table.words.filter((w) => exact.has(w) || prefixes.some((p) => w.startsWith(p))));
}

function centroids(seeds: ReadonlyMap<string, readonly Seed[]>, dims: number, weighSeeds: boolean): Map<string, Float32Array> {
  const result = new Map<string, Float32Array>();
  for (const [topic, list] of seeds) {
    const sum = new Float32Array(dims);
    for (const seed of list) for (let d = 0; d < dims; d++) sum[d] = (sum[d] ?? 0) + (seed.vector[d] ?? 0) * (weighSeeds ? seed.weight : 1);
    const unit = normalise(sum);
    if (unit !== null) result.set(topic, unit);
  }
  return result;
}

/** The seeds of each topic packed into one array, for the k-nearest comparison. */
function packed(seeds: ReadonlyMap<string, readonly Seed[]>, dims: number): Map<string, Float32Array> {
  const result = new Map<string, Float32Array>();
  for (const [topic, list] of seeds) {
    const block = new Float32Array(list.length * dims);
    list.forEach((seed, i) => block.set(seed.vector, i * dims));
    result.set(topic, block);
  }
  return result;
}

/** Mean of the k largest similarities of a row to a block of seed vectors. */
function topKMean(table: VectorTable, row: number, block: Float32Array, k: number): number {
  const count = block.length / table.dims;
  const best: number[] = [];
  for (let s = 0; s < count; s++) {
    const sim = dot(table, row, block, s * table.dims);
    if (best.length < k) {
      best.push(sim);
      best.sort((a, b) => a - b);
    } else if (sim > (best[0] ?? Infinity)) {
      best[0] = sim;
      best.sort((a, b) => a - b);
    }
  }
  return best.length === 0 ? -1 : best.reduce((a, b) => a + b, 0) / best.length;
}

/** The candidate rows' nearest topics, kept when near enough and clearly nearer than the runner-up. */
export function expand(
  table: VectorTable,
  seeds: ReadonlyMap<string, readonly Seed[]>,
  candidates: readonly number[],
  options: ExpansionOptions,
): Expansion[] {
  const targets = options.method === 'centroid' ? centroids(seeds, table.dims, options.weighSeeds) : packed(seeds, table.dims);
  const found: Expansion[] = [];
  for (const row of candidates) {
    let best = { topic: '', sim: -Infinity };
    let second = -Infinity;
    for (const [topic, target] of targets) {
      const sim = options.method === 'centroid' ? dot(table, row, target) : topKMean(table, row, target, options.k);
      if (sim > best.sim) {
        second = best.sim;
        best = { topic, sim };
      } else if (sim > second) second = sim;
    }
    const word = table.words[row];
    if (word === undefined || best.sim < options.minSimilarity || best.sim - second < options.margin) continue;
    found.push({ word, topic: best.topic, similarity: best.sim, margin: best.sim - second });
  }
  const perTopic = new Map<string, Expansion[]>();
  for (const e of found.sort((a, b) => b.similarity - a.similarity)) {
    const list = perTopic.get(e.topic) ?? [];
    if (list.length < options.maxPerTopic) list.push(e);
    perTopic.set(e.topic, list);
  }
  return [...perTopic.values()].flat();
}

/** Each row's similarity to the mean of the first `sample` rows: high for words that go with any subject ("despite", "year", "going"). */
export function genericity(table: VectorTable, sample: number): Float32Array {
  const rows = Math.min(sample, table.words.length);
  const mean = new Float32Array(table.dims);
  for (let r = 0; r < rows; r++) for (let d = 0; d < table.dims; d++) mean[d] = (mean[d] ?? 0) + (table.data[r * table.dims + d] ?? 0);
  const unit = normalise(mean) ?? mean;
  return Float32Array.from(table.words, (_, r) => dot(table, r, unit));
}
