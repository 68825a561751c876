/**
 * `npm run bench`: fan-out/latency against the four baselines, idle memory, ingest, parsing,
 * classification and catch-up, in one run. Writes bench/results/latest.json and rewrites the
 * results block of docs/PERFORMANCE.md. See docs/PERFORMANCE.md for the method.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runCatchUp, type CatchUpResult } from './cases/catchup.ts';
import { runHostileRest, type HostileRestResult } from './cases/hostile-rest.ts';
import { runStorm, type StormRun } from './cases/storm.ts';
import { runHorizontal, type HorizontalRun } from './cases/horizontal.ts';
import { runFanout, type FanoutServerResult, type MemoryResult } from './cases/fanout.ts';
import { runIngest, type IngestResult } from './cases/ingest.ts';
import { runProfile } from './cases/profile.ts';
import { runRetraction, type RetractionResult } from './cases/retraction.ts';
import { runCpuCases, type CpuCasesResult } from './cases/parse-classify.ts';
import { LoadGenerators } from './lib/loadgens.ts';
import { openFilesLimit } from './lib/procs.ts';
import { stopAllBenchRedis } from './lib/redis.ts';
import { loadSettings, type ServerName } from './lib/settings.ts';
import { renderTables, spliceResults } from './report/markdown.ts';
import { computeRatios, evaluateTargets, type BenchResults } from './report/summary.ts';

const RESULTS = 'bench/results/latest.json';
const DOC = 'docs/PERFORMANCE.md';
const started = Date.now();
const settings = loadSettings();
const only = new Set((process.env.BENCH_ONLY ?? 'cpu,ingest,fanout,catchup,retraction,hostile,storm').split(',').map((s) => s.trim()));
const log = (line: string): void => void process.stdout.write(`${line}\n`);

let loadgens: LoadGenerators | undefined;
const interrupt = (): void => {
  log('interrupted: stopping children');
  void Promise.allSettled([loadgens?.stop(), stopAllBenchRedis()]).then(() => process.exit(130));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

const machine = {
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  command: settings.quick ? 'BENCH_QUICK=1 npm run bench' : 'npm run bench',
};
log(`news-ticker bench: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}${settings.quick ? ' (quick mode)' : ''}`);

let cpuResult: CpuCasesResult | undefined;
let ingest: IngestResult | undefined;
let catchUp: CatchUpResult | undefined;
let retraction: RetractionResult | undefined;
let hostile: HostileRestResult | undefined;
const storm: StormRun[] = [];
const horizontal: HorizontalRun[] = [];
const fanout: FanoutServerResult[] = [];
const memory: Partial<Record<ServerName, MemoryResult>> = {};

try {
  if (only.has('cpu')) {
    log('feed parsing and classification');
    cpuResult = await runCpuCases(settings.reps, settings.quick ? 500 : 1500);
    log(`  parse ${cpuResult.parseMedian ?? 'n/a'} items/s, classify ${cpuResult.classifyMedian ?? 'n/a'} µs/headline (titles alone ${cpuResult.classifyTitleMedian ?? 'n/a'}), classifier load ${cpuResult.classifierLoadMs?.toFixed(0) ?? 'n/a'} ms / ${cpuResult.classifierHeapMB?.toFixed(1) ?? 'n/a'} MB heap (fresh processes: ${cpuResult.classifierLoadRuns.map((r) => r.ms.toFixed(0)).join(', ')} ms) ${cpuResult.errors.join('; ')}`);
  }
  if (only.has('ingest')) {
    log('ingest');
    ingest = await runIngest(settings.ingestCount, settings.reps);
    log(`  store ${ingest.storeMedian ?? 'n/a'}/s (single calls ${ingest.singleMedian ?? 'n/a'}/s), raw XADD ${ingest.rawMedian ?? 'n/a'}/s, ratio ${ingest.ratio ?? 'n/a'}`);
  }
  if (only.has('fanout')) {
    loadgens = await LoadGenerators.start(settings.loadgens);
    const limits = loadgens.pids.map((pid) => openFilesLimit(pid));
    const needed = Math.max(...settings.clientCounts) / settings.loadgens + 256;
    if (limits.some((limit) => limit < needed)) throw new Error(`open-files limit ${Math.min(...limits)} is below the ${Math.ceil(needed)} the load generator needs: raise \`ulimit -n\``);
    // Every server's clients are connected at once (interleaving), so the load generator holds them all.
    const neededAll = (Math.max(...settings.clientCounts) * settings.servers.length) / settings.loadgens + 256;
    if (limits.some((limit) => limit < neededAll)) {
      log(`warning: open-files limit ${Math.min(...limits)} is below the ${Math.ceil(neededAll)} that ${settings.servers.length} servers' clients need at once: the servers started last will fail with EMFILE at the largest client count (raise the hard limit, or narrow BENCH_SERVERS)`);
    }
    log(`fan-out: ${settings.servers.join(', ')}`);
    for (const result of await runFanout(settings.servers, settings, loadgens)) {
      fanout.push(result);
      if (result.memory !== undefined) memory[result.server] = result.memory;
    }
    await loadgens.stop();
    loadgens = undefined;
  }
  if (only.has('profile')) {
    // Not part of the default run: BENCH_ONLY=profile npm run bench
    loadgens = await LoadGenerators.start(settings.loadgens);
    log('profiling ours: 5,000 clients, 100 headlines/s');
    const profile = await runProfile(loadgens, settings.quick ? 1000 : 5000, 100, settings.quick ? 3000 : 10_000);
    await loadgens.stop();
    loadgens = undefined;
    writeFileSync('bench/results/profile.json', `${JSON.stringify(profile, null, 2)}\n`);
    log(`  window: ${profile.window.deliveriesPerSec}/s, p99 ${profile.window.p99 ?? 'n/a'} ms, cpu ${profile.window.serverCpuPct}%`);
    log(`  profile: ${profile.profilePath} (${profile.summary.totalMs} ms)`);
    for (const f of profile.summary.topFunctions) log(`  ${String(f.selfPct).padStart(5)}%  ${f.name}  ${f.where}`);
    log('  by area:');
    for (const a of profile.summary.byArea) log(`  ${String(a.selfPct).padStart(5)}%  ${a.area}`);
  }
  if (only.has('catchup')) {
    log('catch-up');
    catchUp = await runCatchUp(settings.catchUpSize, settings.reps);
    log(`  ${catchUp.medianMs ?? 'n/a'} ms ${catchUp.error ?? ''}`);
  }
  if (only.has('retraction')) {
    loadgens = await LoadGenerators.start(settings.loadgens);
    log('retraction fan-out: 1,000 clients');
    retraction = await runRetraction(loadgens, 1000, settings.quick ? 10 : 30);
    await loadgens.stop();
    loadgens = undefined;
    log(`  ${retraction.delivered}/${retraction.expected} delivered, p50 ${retraction.p50 ?? 'n/a'} ms, p99 ${retraction.p99 ?? 'n/a'} ms ${retraction.error ?? ''}`);
  }
  if (only.has('hostile')) {
    loadgens = await LoadGenerators.start(settings.loadgens);
    log('hostile REST readers: 1,000 live clients, 50 clients repeating the worst history query');
    hostile = await runHostileRest(loadgens, settings.reps);
    await loadgens.stop();
    loadgens = undefined;
    log(`  live p99 quiet ${hostile.quietP99.join(', ')} ms, hammered ${hostile.hammeredP99.join(', ')} ms, ratio ${hostile.ratio ?? 'n/a'}; ${hostile.requestsPerSec} requests/s (${JSON.stringify(hostile.requests)}), p50 ${hostile.requestP50Ms ?? 'n/a'} ms ${hostile.error ?? ''}`);
  }
  if (only.has('storm')) {
    const clients = settings.quick ? 1000 : 5000;
    for (const window of [false, true]) {
      log(`reconnect storm: ${clients} clients resume at once after a gateway kill, recent window ${window ? 'on' : 'off'}`);
      const run = await runStorm(clients, window);
      storm.push(run);
      log(`  ${run.recovered}/${run.clients} recovered in ${run.allRecoveredMs ?? 'n/a'} ms, p50 ${run.p50Ms ?? 'n/a'} ms, p99 ${run.p99Ms ?? 'n/a'} ms, ${run.redisReads} Redis reads (${run.redisReadsPerResume} per resume) ${run.firstError ?? ''}`);
    }
  }
  if (only.has('horizontal')) {
    // Not part of the default run: BENCH_ONLY=horizontal npm run bench (docs/SCALING.md)
    loadgens = await LoadGenerators.start(settings.loadgens);
    for (const gateways of [1, 2, 1, 2]) {
      log(`horizontal: ${gateways} gateway(s), 4,000 clients, 200 headlines/s`);
      const run = await runHorizontal(loadgens, settings.quick ? 1000 : 4000, 200, settings.reps, gateways);
      horizontal.push(run);
      log(`  ${run.deliveriesPerSec ?? 'n/a'} deliveries/s, p99 ${run.p99 ?? 'n/a'} ms, gateways' CPU ${run.gatewaysCpuPct ?? 'n/a'} %, ${run.delivered}/${run.expected} ${run.error ?? ''}`);
    }
    await loadgens.stop();
    loadgens = undefined;
  }
} finally {
  await loadgens?.stop();
  await stopAllBenchRedis();
}

// A profiling-only run leaves the published results alone.
if (only.size === 1 && only.has('profile')) process.exit(0);

const partial = {
  machine,
  settings,
  fanout,
  ratios: computeRatios(fanout, settings),
  memory,
  ...(ingest === undefined ? {} : { ingest }),
  ...(cpuResult === undefined ? {} : { cpu: cpuResult }),
  ...(catchUp === undefined ? {} : { catchUp }),
  ...(retraction === undefined ? {} : { retraction }),
  ...(hostile === undefined ? {} : { hostile }),
  ...(storm.length === 0 ? {} : { storm }),
  ...(horizontal.length === 0 ? {} : { horizontal }),
  durationSeconds: (Date.now() - started) / 1000,
};
const results: BenchResults = { ...partial, targets: evaluateTargets(partial) };
mkdirSync('bench/results', { recursive: true });
const tables = renderTables(results);
// Only a complete default run may stand as the published result; anything narrower or
// shorter (quick mode, BENCH_* overrides) goes to a scratch file.
const complete = !settings.quick && !Object.keys(process.env).some((key) => key.startsWith('BENCH_'));
const resultsFile = complete ? RESULTS : 'bench/results/partial.json';
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
if (complete) writeFileSync(DOC, spliceResults(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n', tables));
log(`\n${tables}\n\nwrote ${complete ? `${RESULTS} and ${DOC}` : `${resultsFile} (not a complete default run: ${DOC} left alone)`} in ${Math.round(results.durationSeconds)} s`);
