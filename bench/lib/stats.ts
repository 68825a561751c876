/** Small numeric helpers shared by the cases. */

/** Median; null (a run that never completed) sorts as +∞, so it wins only when most reps failed. */
export function median(values: readonly (number | null)[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => (a ?? Number.POSITIVE_INFINITY) - (b ?? Number.POSITIVE_INFINITY));
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? null;
}

export function round(value: number | null, digits = 1): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** a / b, unrounded: targets are judged on it, and only the report rounds. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return a / b;
}

/** Runs `task` with at most `limit` in flight over `count` items. */
export async function pooled(count: number, limit: number, task: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}
