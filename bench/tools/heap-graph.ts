/**
 * A V8 heap snapshot (.heapsnapshot JSON) as flat arrays, plus the dominator tree, so that
 * bench/tools/heap-breakdown.ts can say what each idle connection costs and what holds it.
 * Written for offline analysis: a 2,000-socket snapshot parses in a few seconds.
 */
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapGraph {
  count: number;
  /** Per node: its type name ('object', 'closure', 'string', …), name, stable id, self size. */
  type: string[];
  name: string[];
  id: Float64Array;
  selfSize: Float64Array;
  /** Edges of node i: edgeTarget/edgeType/edgeName[firstEdge[i] .. firstEdge[i + 1]). */
  firstEdge: Uint32Array;
  edgeTarget: Uint32Array;
  edgeType: string[];
  edgeName: string[];
}

export function loadHeapGraph(path: string): HeapGraph {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawSnapshot;
  const meta = raw.snapshot.meta;
  const nodeFields = meta.node_fields.length;
  const edgeFields = meta.edge_fields.length;
  const nodeTypes = meta.node_types[0];
  const edgeTypes = meta.edge_types[0];
  const at = (fields: string[], name: string): number => fields.indexOf(name);
  const [nType, nName, nId, nSelf, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => at(meta.node_fields, f)) as [number, number, number, number, number];
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => at(meta.edge_fields, f)) as [number, number, number];
  const count = raw.nodes.length / nodeFields;
  const graph: HeapGraph = {
    count,
    type: new Array<string>(count),
    name: new Array<string>(count),
    id: new Float64Array(count),
    selfSize: new Float64Array(count),
    firstEdge: new Uint32Array(count + 1),
    edgeTarget: new Uint32Array(raw.edges.length / edgeFields),
    edgeType: new Array<string>(raw.edges.length / edgeFields),
    edgeName: new Array<string>(raw.edges.length / edgeFields),
  };
  let edge = 0;
  for (let i = 0; i < count; i += 1) {
    const base = i * nodeFields;
    graph.type[i] = nodeTypes[raw.nodes[base + nType] ?? 0] ?? '?';
    graph.name[i] = raw.strings[raw.nodes[base + nName] ?? 0] ?? '';
    graph.id[i] = raw.nodes[base + nId] ?? 0;
    graph.selfSize[i] = raw.nodes[base + nSelf] ?? 0;
    graph.firstEdge[i] = edge;
    edge += raw.nodes[base + nEdges] ?? 0;
  }
  graph.firstEdge[count] = edge;
  for (let e = 0; e < graph.edgeTarget.length; e += 1) {
    const base = e * edgeFields;
    const type = edgeTypes[raw.edges[base + eType] ?? 0] ?? '?';
    const nameOrIndex = raw.edges[base + eName] ?? 0;
    graph.edgeType[e] = type;
    graph.edgeName[e] = type === 'element' || type === 'hidden' ? String(nameOrIndex) : (raw.strings[nameOrIndex] ?? '');
    graph.edgeTarget[e] = (raw.edges[base + eTo] ?? 0) / nodeFields;
  }
  return graph;
}

/** Groups objects by constructor; strings, code and V8 internals by their kind. */
export function classOf(graph: HeapGraph, node: number): string {
  const type = graph.type[node] ?? '?';
  const name = graph.name[node] ?? '';
  switch (type) {
    case 'object':
    case 'native':
      return name;
    case 'closure':
      return `(closure) ${name || '(anonymous)'}`;
    case 'string':
    case 'concatenated string':
    case 'sliced string':
      return '(string)';
    case 'array':
      return `(array) ${name}`;
    case 'hidden':
    case 'object shape':
      return `(${type}) ${name.slice(0, 40)}`;
    default:
      return `(${type})`;
  }
}

/** Names the library behind same-named classes (three kinds of Socket, two of WebSocket). */
export function labelOf(graph: HeapGraph, node: number): string {
  const key = classOf(graph, node);
  if (key !== 'Socket' && key !== 'WebSocket') return key;
  const properties = new Set<string>();
  for (let e = graph.firstEdge[node] ?? 0; e < (graph.firstEdge[node + 1] ?? 0); e += 1) properties.add(graph.edgeName[e] ?? '');
  if (key === 'Socket') {
    if (properties.has('nsp')) return 'Socket (socket.io)';
    if (properties.has('transport')) return 'Socket (engine.io)';
    return 'Socket (net)';
  }
  if (properties.has('_receiver') || properties.has('_sender')) return 'WebSocket (ws)';
  return 'WebSocket (engine.io transport)';
}

/** Edges that keep their target alive (weak references and V8's shortcuts do not). */
export function isStrong(graph: HeapGraph, edge: number): boolean {
  return graph.edgeType[edge] !== 'weak' && graph.edgeType[edge] !== 'shortcut';
}

/** For each node, one strong edge that points at it (-1 for none): enough to name a holder. */
export function firstRetainerEdges(graph: HeapGraph): { edge: Int32Array; from: Int32Array } {
  const edge = new Int32Array(graph.count).fill(-1);
  const from = new Int32Array(graph.count).fill(-1);
  for (let node = 0; node < graph.count; node += 1) {
    for (let e = graph.firstEdge[node] ?? 0; e < (graph.firstEdge[node + 1] ?? 0); e += 1) {
      const target = graph.edgeTarget[e] ?? 0;
      if ((edge[target] ?? -1) !== -1 || !isStrong(graph, e)) continue;
      edge[target] = e;
      from[target] = node;
    }
  }
  return { edge, from };
}
