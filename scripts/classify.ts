/**
 * npm run classify -- "headline text" [--summary "text"] [--lang xx] [--url link] [--category "Sport"]…
 * Prints the topics and regions the classifier assigns, with the evidence behind them.
 */
import { classify } from '../src/classification/index.ts';

function parseArgs(argv: readonly string[]): { title: string; summary?: string; lang?: string; url?: string; categories: string[] } {
  const words: string[] = [];
  const categories: string[] = [];
  let summary: string | undefined;
  let lang: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--summary') summary = argv[++i];
    else if (arg === '--lang') lang = argv[++i];
    else if (arg === '--url') url = argv[++i];
    else if (arg === '--category') categories.push(argv[++i] ?? '');
    else if (arg !== undefined) words.push(arg);
  }
  return {
    title: words.join(' '),
    categories,
    ...(summary === undefined ? {} : { summary }),
    ...(lang === undefined ? {} : { lang }),
    ...(url === undefined ? {} : { url }),
  };
}

const input = parseArgs(process.argv.slice(2));
if (input.title.trim().length === 0) {
  console.error('usage: npm run classify -- "headline text" [--summary "text"] [--lang en] [--url link] [--category "Sport"]');
  process.exit(2);
}

const result = classify(input);
const chosen = new Set(result.topics);

console.log(`Headline: ${input.title}`);
if (input.summary !== undefined) console.log(`Summary:  ${input.summary}`);
console.log('');
console.log(`Topics:  ${result.topics.length === 0 ? '(none)' : result.topics.join(', ')}`);
console.log(`Regions: ${result.regions.length === 0 ? '(none)' : result.regions.join(', ')}`);
console.log('');
console.log('Topic evidence (score = strong 3 / medium 2 / weak 1 per term; summary terms count half):');
if (result.evidence.topics.length === 0) console.log('  (no lexicon term matched)');
for (const e of result.evidence.topics) {
  const mark = chosen.has(e.topic) ? '*' : ' ';
  console.log(`  ${mark} ${e.topic.padEnd(19)} ${String(e.score).padStart(5)}  ${e.matched.join(', ')}`);
}
console.log('Country evidence:');
if (result.evidence.regions.length === 0) console.log('  (no country named)');
for (const e of result.evidence.regions) console.log(`    ${e.country}  ← ${e.matched.join(', ')}`);
console.log('Categories and sections (strong evidence; mapped topics lead):');
if (result.evidence.feed.length === 0) console.log('  (nothing mapped)');
for (const line of result.evidence.feed) console.log(`    ${line}`);
