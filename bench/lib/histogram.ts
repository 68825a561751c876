/**
 * Latency histogram with 1 % wide logarithmic buckets: fixed memory, cheap to fill in the
 * load generator, mergeable across processes, and precise enough for p50/p95/p99.
 */
const BUCKETS_PER_E = 100;
export const HISTOGRAM_SIZE = 2_000; // e^(2000/100) µs ≈ 8 minutes: far beyond any bounded window

export function bucketOf(micros: number): number {
  if (!(micros > 1)) return 0;
  return Math.min(HISTOGRAM_SIZE - 1, Math.floor(Math.log(micros) * BUCKETS_PER_E));
}

function bucketMidMs(index: number): number {
  return Math.exp((index + 0.5) / BUCKETS_PER_E) / 1000;
}

/** Sparse form for IPC: [bucket, count] pairs. */
export type SparseHistogram = [number, number][];

export function toSparse(counts: Uint32Array): SparseHistogram {
  const out: SparseHistogram = [];
  counts.forEach((count, index) => {
    if (count > 0) out.push([index, count]);
  });
  return out;
}

export function mergeSparse(target: Uint32Array, sparse: SparseHistogram): void {
  for (const [index, count] of sparse) target[index] = (target[index] ?? 0) + count;
}

/**
 * Percentiles in ms over `expected` samples: deliveries that never arrived count as
 * infinitely late, so a server that drops or stalls cannot look fast. Null = not delivered.
 */
export function percentiles(counts: Uint32Array, expected: number, ps: readonly number[]): (number | null)[] {
  let received = 0;
  for (const count of counts) received += count;
  const total = Math.max(expected, received);
  return ps.map((p) => {
    if (total === 0) return null;
    const rank = Math.ceil((p / 100) * total);
    if (rank > received) return null;
    let seen = 0;
    for (let i = 0; i < counts.length; i += 1) {
      seen += counts[i] ?? 0;
      if (seen >= rank) return bucketMidMs(i);
    }
    return null;
  });
}
