/**
 * CPU-only cases: feed parsing items/s over the fixture feeds, and classification µs per
 * headline over the parsed items (title, summary, link and categories, as ingestion passes them)
 * and over titles alone. Also the classifier's load: the time its import takes in a fresh process
 * (the English gazetteer is compiled then) and the heap it adds. Each rep runs for a fixed time budget.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { fixtureBaseUrl, readFixtureFeeds } from '../lib/fixture-headlines.ts';
import { median, round } from '../lib/stats.ts';
import { describeError } from '../../src/shared/errors.ts';

export interface CpuCasesResult {
  fixtures: string;
  feeds: number;
  items: number;
  parseItemsPerSec: number[];
  parseMedian: number | null;
  classifyHeadlines: number;
  classifyMicros: number[];
  classifyMedian: number | null;
  /** Titles alone: the shortest input a headline gives. */
  classifyTitleMicros: number[];
  classifyTitleMedian: number | null;
  /** First import of the classifier in a fresh process (dictionaries and the English gazetteer compiled): each run, then the median. */
  classifierLoadRuns: { ms: number; heapMB: number }[];
  classifierLoadMs: number | null;
  classifierHeapMB: number | null;
  errors: string[];
}

function timed(budgetMs: number, body: () => number): number {
  // Warm up first so that the JIT has compiled the hot functions before the clock starts.
  body();
  const started = process.hrtime.bigint();
  let units = 0;
  let rounds = 0;
  while (rounds < 10_000 && Number(process.hrtime.bigint() - started) / 1e6 < budgetMs) {
    units += body();
    rounds += 1;
  }
  return units / (Number(process.hrtime.bigint() - started) / 1e9);
}

const LOAD_PROBE = fileURLToPath(new URL('../lib/classifier-load-probe.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const LOAD_RUNS = 5;

/**
 * The classifier's load, each time in a new process (bench/lib/classifier-load-probe.ts). One
 * unrecorded run first: it fills tsx's transform cache, as a service's first start does, so that
 * the recorded runs time the compile of the dictionaries rather than of the TypeScript.
 */
async function measureClassifierLoad(result: CpuCasesResult): Promise<void> {
  const run = async (): Promise<{ ms: number; heapMB: number }> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', LOAD_PROBE], { cwd: REPO, timeout: 60_000 });
    return JSON.parse(stdout) as { ms: number; heapMB: number };
  };
  await run();
  for (let i = 0; i < LOAD_RUNS; i += 1) result.classifierLoadRuns.push(await run());
  // Unrounded, as every median the targets are judged on; the report rounds.
  result.classifierLoadMs = median(result.classifierLoadRuns.map((r) => r.ms));
  result.classifierHeapMB = median(result.classifierLoadRuns.map((r) => r.heapMB));
}

export async function runCpuCases(reps: number, budgetMs: number): Promise<CpuCasesResult> {
  const { dir, feeds: bodies } = readFixtureFeeds();
  const result: CpuCasesResult = { fixtures: dir, feeds: 0, items: 0, parseItemsPerSec: [], parseMedian: null, classifyHeadlines: 0, classifyMicros: [], classifyMedian: null, classifyTitleMicros: [], classifyTitleMedian: null, classifierLoadRuns: [], classifierLoadMs: null, classifierHeapMB: null, errors: [] };
  const texts: { title: string; summary?: string; url?: string; categories?: readonly string[] }[] = [];

  try {
    const { parseFeed } = await import('../../src/ingestion/parse/feed.ts');
    // Only feeds that parse count; a fixture that is malformed on purpose is skipped.
    const good = bodies.filter(({ name, body }) => {
      try {
        const parsed = parseFeed(body, { baseUrl: fixtureBaseUrl(name), timezone: 'UTC' });
        for (const item of parsed.items) {
          if (typeof item.title !== 'string') continue;
          texts.push({
            title: item.title,
            ...(typeof item.summary === 'string' ? { summary: item.summary } : {}),
            ...(typeof item.url === 'string' ? { url: item.url } : {}),
            ...(item.categories === undefined ? {} : { categories: item.categories }),
          });
        }
        result.items += parsed.items.length;
        return true;
      } catch {
        return false;
      }
    });
    result.feeds = good.length;
    for (let rep = 0; rep < reps; rep += 1) {
      const perSec = timed(budgetMs, () => {
        let items = 0;
        for (const { name, body } of good) items += parseFeed(body, { baseUrl: fixtureBaseUrl(name), timezone: 'UTC' }).items.length;
        return items;
      });
      result.parseItemsPerSec.push(Math.round(perSec));
    }
    result.parseMedian = round(median(result.parseItemsPerSec), 0);
  } catch (error) {
    result.errors.push(`parse: ${describeError(error).message}`);
  }

  try {
    await measureClassifierLoad(result);
  } catch (error) {
    result.errors.push(`classifier load: ${describeError(error).message}`);
  }

  try {
    const { classify } = await import('../../src/classification/index.ts');
    if (texts.length === 0) {
      const labelled = JSON.parse(readFileSync('tests/fixtures/classification/labelled.json', 'utf8')) as { title: string }[];
      for (const entry of labelled) texts.push({ title: entry.title });
    }
    result.classifyHeadlines = texts.length;
    for (let rep = 0; rep < reps; rep += 1) {
      const perSec = timed(budgetMs, () => {
        for (const text of texts) classify(text);
        return texts.length;
      });
      result.classifyMicros.push(round(1e6 / perSec, 2) ?? 0);
    }
    result.classifyMedian = median(result.classifyMicros);
    for (let rep = 0; rep < reps; rep += 1) {
      const perSec = timed(budgetMs, () => {
        for (const text of texts) classify({ title: text.title });
        return texts.length;
      });
      result.classifyTitleMicros.push(round(1e6 / perSec, 2) ?? 0);
    }
    result.classifyTitleMedian = median(result.classifyTitleMicros);
  } catch (error) {
    result.errors.push(`classify: ${describeError(error).message}`);
  }
  return result;
}
