/**
 * npm run eval:classify [-- name-or-path] [--misses]
 * For every labelled set (or the one named: labelled, holdout, real, … or a path to a JSON set):
 * region precision/recall/F1 (countries only), primary-topic accuracy and the share of headlines
 * given no topic; with --misses (the default when one set is named), every example it gets wrong.
 */
import { classify } from '../src/classification/index.ts';
import { evaluate } from '../src/classification/evaluate.ts';
import type { Evaluation, LabelledHeadline, Miss } from '../src/classification/evaluate.ts';
import { REGIONS } from '../src/channels/vocabulary.ts';
import { FEEDS_DIR, SETS, loadSet } from './lib/classification-sets.ts';
import type { SetInfo } from './lib/classification-sets.ts';

const countries = new Set(REGIONS.filter((r) => r.kind === 'country').map((r) => r.slug));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const list = (xs: readonly string[]): string => (xs.length === 0 ? '—' : xs.join(', '));

function predict(example: LabelledHeadline) {
  const c = classify(example);
  return { countries: c.regions.filter((r) => countries.has(r)), topics: c.topics };
}

function describe(miss: Miss): string {
  const { example } = miss;
  const lines = [`  "${example.title}"`];
  if (example.categories !== undefined && example.categories.length > 0) lines.push(`      categories: ${example.categories.join(' | ')}`);
  if (miss.topicWrong) lines.push(`      topic: got ${list(miss.predicted.topics)}; acceptable ${list(example.topics)}`);
  if (miss.extraCountries.length > 0) lines.push(`      extra countries: ${list(miss.extraCountries)}`);
  if (miss.missedCountries.length > 0) lines.push(`      missed countries: ${list(miss.missedCountries)}`);
  return lines.join('\n');
}

function summary(name: string, result: Evaluation, msPerHeadline: number): string {
  const { region } = result;
  return [
    `${name} (${result.size} headlines)`,
    `  regions (countries, micro): precision ${pct(region.precision)}  recall ${pct(region.recall)}  F1 ${pct(region.f1)}  (tp ${region.tp}, fp ${region.fp}, fn ${region.fn})`,
    `  primary topic accuracy: ${pct(result.topicAccuracy)} (${result.topicCorrect}/${result.size})   no topic: ${pct(result.noTopicRate)} (${result.noTopic})`,
    `  time: ${msPerHeadline.toFixed(3)} ms per headline (including first-call warm-up)`,
  ].join('\n');
}

const args = process.argv.slice(2).filter((a) => a !== '--misses');
const wanted = args[0];
const chosen: SetInfo[] =
  wanted === undefined
    ? [...SETS]
    : [SETS.find((s) => s.name === wanted) ?? { name: wanted, file: wanted, fromFeeds: wanted.includes('real') || wanted.includes('second') }];
const showMisses = process.argv.includes('--misses') || wanted !== undefined;

for (const info of chosen) {
  const set = loadSet(info);
  if (set === null) {
    console.log(`${info.name}: skipped, the fixture feeds (${FEEDS_DIR}) are absent\n`);
    continue;
  }
  const started = performance.now();
  const result = evaluate(set, predict);
  const elapsed = performance.now() - started;
  console.log(summary(info.name, result, elapsed / Math.max(1, result.size)));
  if (showMisses) {
    console.log(`\n  Misclassified (${result.misses.length}):`);
    for (const miss of result.misses) console.log(describe(miss));
  }
  console.log('');
}
