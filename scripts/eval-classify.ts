/**
 * npm run eval:classify [-- path/to/labelled.json]
 * Region precision/recall/F1 (countries only) and primary-topic accuracy of the
 * classifier on the labelled set, then every example it gets wrong.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../src/classification/index.ts';
import { evaluate, parseLabelledSet } from '../src/classification/evaluate.ts';
import type { Miss } from '../src/classification/evaluate.ts';
import { REGIONS } from '../src/channels/vocabulary.ts';

const defaultSet = fileURLToPath(new URL('../tests/fixtures/classification/labelled.json', import.meta.url));
const path = process.argv[2] ?? defaultSet;
const set = parseLabelledSet(JSON.parse(readFileSync(path, 'utf8')));
const countries = new Set(REGIONS.filter((r) => r.kind === 'country').map((r) => r.slug));

const started = performance.now();
const result = evaluate(set, (example) => {
  const c = classify(example);
  return { countries: c.regions.filter((r) => countries.has(r)), topics: c.topics };
});
const elapsed = performance.now() - started;

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const list = (xs: readonly string[]): string => (xs.length === 0 ? '—' : xs.join(', '));

function describe(miss: Miss): string {
  const lines = [`  "${miss.example.title}"${miss.example.summary === undefined ? '' : ` / "${miss.example.summary}"`}`];
  if (miss.topicWrong) lines.push(`      topic: got ${list(miss.predicted.topics)}; acceptable ${list(miss.example.topics)}`);
  if (miss.extraCountries.length > 0) lines.push(`      extra countries: ${list(miss.extraCountries)}`);
  if (miss.missedCountries.length > 0) lines.push(`      missed countries: ${list(miss.missedCountries)}`);
  return lines.join('\n');
}

const { region } = result;
console.log(`Labelled set: ${path} (${result.size} headlines)`);
console.log(`Regions (countries, micro): precision ${pct(region.precision)}  recall ${pct(region.recall)}  F1 ${pct(region.f1)}  (tp ${region.tp}, fp ${region.fp}, fn ${region.fn})`);
console.log(`Primary topic accuracy: ${pct(result.topicAccuracy)} (${result.topicCorrect}/${result.size})`);
console.log(`Time: ${(elapsed / Math.max(1, result.size)).toFixed(3)} ms per headline (including first-call warm-up)`);
console.log(`\nMisclassified (${result.misses.length}):`);
for (const miss of result.misses) console.log(describe(miss));
