/** Renders the results as the tables that go into docs/PERFORMANCE.md. */
import { isBaseline, SERVER_NAMES } from '../lib/settings.ts';
import { CAPACITY_P99_MS, sig, type BenchResults } from './summary.ts';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** A measured number for display, rounded to `digits` decimals (figures are stored unrounded). */
const n = (value: number | null | undefined, suffix = '', digits = 0): string =>
  value === null || value === undefined ? '—' : `${value.toLocaleString('en-US', { maximumFractionDigits: digits })}${suffix}`;
const x = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : sig(value, '×'));
const verdict = (met: boolean | null): string => (met === null ? 'not measured' : met ? '**met**' : '**not met**');

export function renderTables(results: BenchResults): string {
  const { machine, settings } = results;
  const lines: string[] = [];
  lines.push(
    `Machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; run ${machine.date} with \`${machine.command}\` ` +
      `(${settings.reps} rep(s) per case, median; ${settings.windowMs > 0 ? `${settings.windowMs / 1000} s publishing windows` : "publishing windows of 5 s / 3 s / 2 s at 10 / 100 / 1,000 and more headlines/s"}; ${settings.loadgens} load-generator process(es); ${Math.round(results.durationSeconds)} s in all).`,
    '',
    '### Targets',
    '',
    '| target | goal | measured | verdict |',
    '|---|---|---|---|',
    ...results.targets.map((t) => `| ${t.name} | ${t.goal} | ${t.value} | ${verdict(t.met)} |`),
    '',
    `### Capacity: the highest deliveries/s with p99 under ${CAPACITY_P99_MS} ms (same run)`,
    '',
    '| clients | server | capacity | ours / server | peak deliveries/s (any latency) | deliveries per CPU-s @100/s | per CPU-s ours / server |',
    '|---|---|---|---|---|---|---|',
  );
  for (const r of results.ratios) {
    for (const server of SERVER_NAMES) {
      if (r.peak[server] === undefined) continue;
      const over = isBaseline(server) ? x(r.oursOver[server]) : '';
      const perCpuOver = isBaseline(server) ? x(r.perCpuOursOver[server]) : '';
      lines.push(`| ${n(r.clients)} | ${server} | ${n(r.capacity[server])} | ${over} | ${n(r.peak[server])} | ${n(r.perCpuSecond[server])} | ${perCpuOver} |`);
    }
  }
  lines.push(
    '',
    '### Fan-out and latency (store call → client receipt)',
    '',
    '| clients | headlines/s | server | deliveries/s | delivered | p50 ms | p95 ms | p99 ms | server CPU % | server RSS MB | load-gen CPU % |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  );
  const rows = results.fanout.flatMap((f) => f.cases).sort((a, b) => a.clients - b.clients || a.rate - b.rate || a.server.localeCompare(b.server));
  for (const c of rows) {
    const m = c.median;
    const share = m.expected > 0 ? `${Math.round((m.delivered / m.expected) * 1000) / 10}%` : '—';
    lines.push(
      `| ${n(c.clients)} | ${n(c.rate)} | ${c.server} | ${n(m.deliveriesPerSec)} | ${share} | ${n(m.p50, '', 1)} | ${n(m.p95, '', 1)} | ${n(m.p99, '', 1)} | ${n(m.serverCpuPct, '', 1)} | ${n(m.serverRssMB, '', 1)} | ${n(m.loadgenCpuPct, '', 1)} |`,
    );
  }
  const errors = results.fanout.flatMap((f) => f.errors.map((e) => `${f.server}: ${e.split('\n')[0] ?? ''}`));
  if (errors.length > 0) lines.push('', ...errors.map((e) => `- not measured — ${e}`));
  lines.push('', '### Memory per idle connection (subscribed, after full GC)', '', '| server | sockets | heap KB / connection | RSS KB / connection |', '|---|---|---|---|');
  for (const [server, memory] of Object.entries(results.memory)) lines.push(`| ${server} | ${n(memory.sockets)} | ${n(memory.heapPerConnKB, '', 2)} | ${n(memory.rssPerConnKB, '', 2)} |`);
  lines.push('', '### Ingest, parsing, classification, catch-up', '', '| case | result |', '|---|---|');
  const ingest = results.ingest;
  if (ingest !== undefined) {
    lines.push(
      `| store path as ingestion calls it: storeMany, batches of ${ingest.pollBatch}, ${ingest.pollsInFlight} in flight (fixture headlines, Lua dedupe + ${ingest.xaddsPerHeadline} XADDs per headline) | ${n(ingest.storeMedian)} headlines/s |`,
      `| store, one headline per call, 50 in flight | ${n(ingest.singleMedian)} headlines/s |`,
      `| raw pipelined XADD to one stream | ${n(ingest.rawMedian)} headlines/s |`,
      `| store / raw | ${x(ingest.ratio)} |`,
    );
  }
  const cpu = results.cpu;
  if (cpu !== undefined) {
    lines.push(
      `| feed parsing (${cpu.feeds} fixture feeds, ${cpu.items} items) | ${n(cpu.parseMedian)} items/s |`,
      `| classification (${cpu.classifyHeadlines} headlines) | ${n(cpu.classifyMedian, '', 1)} µs per headline (titles alone ${n(cpu.classifyTitleMedian, '', 1)}) |`,
      `| classifier load (first import in a fresh process, English gazetteer compiled; median of ${cpu.classifierLoadRuns.length} processes) | ${n(cpu.classifierLoadMs)} ms, ${n(cpu.classifierHeapMB, '', 1)} MB heap |`,
    );
    for (const error of cpu.errors) lines.push(`| not measured | ${error} |`);
  }
  const catchUp = results.catchUp;
  if (catchUp !== undefined) {
    const status = catchUp.complete ? 'all delivered, recovered: true' : `incomplete: ${catchUp.error ?? ''}`;
    lines.push(`| catch-up: subscribe with \`since\`, ${n(catchUp.missed)} missed on ${catchUp.channels.map((c) => `\`${c}\``).join(' + ')} | ${n(catchUp.medianMs, ' ms', 1)} (${status}) |`);
  }
  const retraction = results.retraction;
  if (retraction !== undefined) {
    const status = retraction.error ?? `${n(retraction.delivered)} of ${n(retraction.expected)} delivered`;
    lines.push(`| retraction fan-out: ${n(retraction.retractions)} retractions to ${n(retraction.clients)} clients | p50 ${n(retraction.p50, ' ms')}, p99 ${n(retraction.p99, ' ms')} (${status}) |`);
  }
  const hostile = results.hostile;
  if (hostile !== undefined) {
    const status = hostile.error ?? `${n(hostile.requestsPerSec)} requests/s answered ${JSON.stringify(hostile.requests)}, p50 ${n(hostile.requestP50Ms, ' ms')}`;
    lines.push(`| live p99 of ${n(hostile.clients)} clients, quiet / with ${n(hostile.hammerers)} hostile REST readers | ${hostile.quietP99.join(', ')} / ${hostile.hammeredP99.join(', ')} ms, ratio ${n(hostile.ratio, '×', 3)} (${status}) |`);
  }
  for (const run of results.storm ?? []) {
    const status = run.failed > 0 ? `, ${n(run.failed)} failed: ${run.firstError ?? ''}` : '';
    lines.push(
      `| reconnect storm, window ${run.window ? 'on' : 'off'}: ${n(run.clients)} clients resume at once after a gateway kill | ${n(run.recovered)} recovered in ${n(run.allRecoveredMs, ' ms')}, per client p50 ${n(run.p50Ms, ' ms')} / p99 ${n(run.p99Ms, ' ms')}; ${n(run.redisReads)} Redis reads (${n(run.redisReadsPerResume, '', 2)} per resume)${status} |`,
    );
  }
  return lines.join('\n');
}

/** Replaces the generated block of the document, keeping everything written by hand. */
export function spliceResults(document: string, tables: string): string {
  const block = `${START}\n${tables}\n${END}`;
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start === -1 || end === -1 || end < start) return `${document.trimEnd()}\n\n## Latest results\n\n${block}\n`;
  return `${document.slice(0, start)}${block}${document.slice(end + END.length)}`;
}
