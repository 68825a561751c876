/**
 * Waits for `work` at most `ms`: resolves `undefined` when it settles first (its result and any
 * rejection are the caller's to handle elsewhere), or `'late'` when the time runs out. The timer
 * is cleared either way, so a finished wait keeps nothing alive.
 */
export function within(work: Promise<unknown>, ms: number): Promise<'late' | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), Math.max(0, ms))));
  return Promise.race([work.then(() => undefined), late]).finally(() => clearTimeout(timer));
}
