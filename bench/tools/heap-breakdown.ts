/**
 * What one idle, subscribed connection costs on the heap, and which part of the stack holds
 * it: starts a server under test (as the bench does), snapshots its heap with no clients and
 * again with HEAP_CLIENTS subscribed ones, and prints, per connection:
 *  - the change in self size by constructor;
 *  - the new objects as a tree of property paths from each connection's engine.io Socket
 *    (first reached, breadth first, through new objects only), so `eio.request` is the
 *    upgrade request and everything only it holds;
 *  - new objects not reachable that way, by the long-lived structure that holds them
 *    (the adapter's room maps, our per-socket state map, compiled code, …).
 *
 *   HEAP_SERVER=ours HEAP_CLIENTS=2000 node --max-old-space-size=8192 --import tsx bench/tools/heap-breakdown.ts
 *
 * Snapshots go to HEAP_DIR (default /tmp/heap-breakdown); HEAP_ANALYSE_ONLY=1 re-reads them.
 */
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { socketIoUrl } from '../load/client.ts';
import { LoadGenerators } from '../lib/loadgens.ts';
import { buildWorkload } from '../lib/mix.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { startServer } from '../lib/servers.ts';
import type { ServerName } from '../lib/settings.ts';
import { classOf, firstRetainerEdges, isStrong, labelOf, loadHeapGraph, type HeapGraph } from './heap-graph.ts';

const serverName = (process.env.HEAP_SERVER ?? 'ours') as ServerName;
const clients = Number(process.env.HEAP_CLIENTS ?? '2000');
const dir = process.env.HEAP_DIR ?? '/tmp/heap-breakdown';
const top = Number(process.env.HEAP_TOP ?? '40');
/** Tree lines below this many bytes per connection are left out. */
const minBytes = Number(process.env.HEAP_MIN_BYTES ?? '24');
const maxDepth = Number(process.env.HEAP_DEPTH ?? '5');
const beforePath = `${dir}/${serverName}-0.heapsnapshot`;
const afterPath = `${dir}/${serverName}-${clients}.heapsnapshot`;
/** Arrays this large are shared tables (a Map's backing store), never one connection's. */
const SHARED_TABLE_BYTES = 8192;

async function takeSnapshots(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const redis = await startBenchRedis();
  const loadgens = await LoadGenerators.start(1);
  const server = await startServer(serverName, redis.url);
  const snapshot = async (path: string): Promise<void> => {
    server.child.send({ type: 'heap-snapshot', path });
    await server.child.next('heap-snapshot', 300_000);
  };
  try {
    await snapshot(beforePath);
    const connected = await loadgens.connect(serverName, socketIoUrl(server.url), buildWorkload(clients).clients);
    if (connected.failed > 0) throw new Error(`${connected.failed} clients failed: ${connected.firstError ?? ''}`);
    await sleep(1000);
    await snapshot(afterPath);
  } finally {
    await loadgens.stop();
    await server.stop();
    await redis.cleanup();
  }
}

interface Row {
  count: number;
  bytes: number;
}

function add(table: Map<string, Row>, key: string, bytes: number, count = 1): void {
  const row = table.get(key) ?? { count: 0, bytes: 0 };
  row.count += count;
  row.bytes += bytes;
  table.set(key, row);
}

const perConn = (bytes: number): string => `${(bytes / clients).toFixed(1).padStart(8)} B`;

function printTable(title: string, table: Map<string, Row>): void {
  const total = [...table.values()].reduce((sum, row) => sum + row.bytes, 0);
  process.stdout.write(`\n## ${title}: ${perConn(total).trim()} per connection\n`);
  for (const [key, row] of [...table].sort((a, b) => Math.abs(b[1].bytes) - Math.abs(a[1].bytes)).slice(0, top)) {
    process.stdout.write(`${perConn(row.bytes)}  ${(row.count / clients).toFixed(2).padStart(6)} ×  ${key}\n`);
  }
}

/** Prints path → bytes as an indented tree of subtotals (segments split on ' › '). */
function printTree(title: string, paths: Map<string, Row>): void {
  const subtotal = new Map<string, Row>();
  for (const [path, row] of paths) {
    const segments = path.split(' › ');
    for (let depth = 1; depth <= Math.min(segments.length, maxDepth); depth += 1) add(subtotal, segments.slice(0, depth).join(' › '), row.bytes, row.count);
  }
  const total = [...paths.values()].reduce((sum, row) => sum + row.bytes, 0);
  process.stdout.write(`\n## ${title}: ${perConn(total).trim()} per connection\n`);
  const walk = (prefix: string, depth: number): void => {
    const children = [...subtotal].filter(([key]) => key.startsWith(prefix) && key.split(' › ').length === depth && (prefix === '' || key.length > prefix.length));
    for (const [key, row] of children.sort((a, b) => b[1].bytes - a[1].bytes)) {
      if (row.bytes / clients < minBytes) continue;
      const name = key.split(' › ').at(-1) ?? key;
      process.stdout.write(`${perConn(row.bytes)}  ${'  '.repeat(depth - 1)}${name}  (${(row.count / clients).toFixed(1)} objects)\n`);
      walk(`${key} › `, depth + 1);
    }
  };
  walk('', 1);
}

function edgeLabel(graph: HeapGraph, edge: number): string {
  const type = graph.edgeType[edge] ?? '';
  const name = graph.edgeName[edge] ?? '';
  if (type === 'element' || /^\d+$/.test(name)) return '[]';
  if (type === 'context') return `ctx:${name}`;
  return name;
}

function segment(graph: HeapGraph, edge: number, target: number): string {
  const label = labelOf(graph, target);
  return label === '(string)' || label.startsWith('(array)') || label === 'Object' ? `.${edgeLabel(graph, edge)}` : `.${edgeLabel(graph, edge)} <${label}>`;
}

/**
 * Breadth-first from `seeds` through new objects only, each object charged to the first path
 * that reaches it; returns path → bytes and marks what it visited.
 */
function charge(graph: HeapGraph, fresh: Uint8Array, visited: Uint8Array, seeds: [number, string][]): Map<string, Row> {
  const paths = new Map<string, Row>();
  const path = new Map<number, string>();
  let queue: number[] = [];
  for (const [node, name] of seeds) {
    if (visited[node] === 1) continue;
    visited[node] = 1;
    path.set(node, name);
    queue.push(node);
  }
  while (queue.length > 0) {
    const next: number[] = [];
    for (const node of queue) {
      const own = path.get(node) ?? '?';
      add(paths, own, graph.selfSize[node] ?? 0);
      for (let e = graph.firstEdge[node] ?? 0; e < (graph.firstEdge[node + 1] ?? 0); e += 1) {
        const target = graph.edgeTarget[e] ?? 0;
        if (visited[target] === 1 || fresh[target] !== 1 || !isStrong(graph, e) || (graph.selfSize[target] ?? 0) >= SHARED_TABLE_BYTES) continue;
        visited[target] = 1;
        path.set(target, `${own} › ${segment(graph, e, target)}`);
        next.push(target);
      }
    }
    queue = next;
  }
  return paths;
}

function analyse(): void {
  const before = loadHeapGraph(beforePath);
  const after = loadHeapGraph(afterPath);
  const beforeIds = new Set<number>();
  const delta = new Map<string, Row>();
  for (let node = 0; node < before.count; node += 1) {
    beforeIds.add(before.id[node] ?? 0);
    add(delta, labelOf(before, node), -(before.selfSize[node] ?? 0), -1);
  }
  const fresh = new Uint8Array(after.count);
  const sockets: [number, string][] = [];
  for (let node = 0; node < after.count; node += 1) {
    add(delta, labelOf(after, node), after.selfSize[node] ?? 0);
    if (beforeIds.has(after.id[node] ?? 0)) continue;
    fresh[node] = 1;
    if (labelOf(after, node) === 'Socket (engine.io)') sockets.push([node, 'eio <Socket (engine.io)>']);
  }
  printTable('change in self size by class (after − before)', delta);
  const visited = new Uint8Array(after.count);
  printTree(`from each engine.io Socket (${sockets.length} of them), new objects by path`, charge(after, fresh, visited, sockets));

  // The rest hangs off long-lived structures: name each by what holds it, one level up.
  const { edge: retainerEdge, from: retainer } = firstRetainerEdges(after);
  // Generic holders (a Map's table, an array) are named by what holds them in turn.
  const holderName = (node: number): string => {
    let name = `<${labelOf(after, node)}>`;
    let current = node;
    for (let level = 0; level < 4; level += 1) {
      const up = retainer[current] ?? -1;
      const e = retainerEdge[current] ?? -1;
      if (up < 0 || e < 0) break;
      name = `${labelOf(after, up)}.${edgeLabel(after, e)} ${name}`;
      const generic = /^(Map|Set|Object|Array|\(array\).*|system \/ Context|\(closure\).*)$/.test(labelOf(after, up));
      if (!generic) break;
      current = up;
    }
    return name;
  };
  const seeds: [number, string][] = [];
  for (let node = 0; node < after.count; node += 1) {
    if (fresh[node] !== 1 || visited[node] === 1) continue;
    const up = retainer[node] ?? -1;
    if (up >= 0 && fresh[up] === 1 && (after.selfSize[up] ?? 0) < SHARED_TABLE_BYTES) continue;
    const e = retainerEdge[node] ?? -1;
    const big = up >= 0 && fresh[up] === 1;
    const name = up < 0 ? `(no strong retainer) ${classOf(after, node)}` : big ? `[${holderName(up)}] › .${e < 0 ? '?' : edgeLabel(after, e)} <${labelOf(after, node)}>` : holderName(node);
    seeds.push([node, name]);
  }
  const rest = charge(after, fresh, visited, seeds);
  // Tables themselves (fresh, big, never entered by the walk) are charged to their holder.
  for (let node = 0; node < after.count; node += 1) {
    if (fresh[node] === 1 && visited[node] !== 1) add(rest, `${holderName(node)} (itself)`, after.selfSize[node] ?? 0);
  }
  printTree('new objects held by long-lived structures', rest);
}

if (process.env.HEAP_ANALYSE_ONLY !== '1') await takeSnapshots();
analyse();
