/**
 * Runs one async check per item, at most `limit` at once, started in the items' order, and
 * fails as a loop checking them one after another would: with the error of the first item (in
 * order) that failed. Once a failure is known no further item starts (every later item would be
 * ignored anyway), and the promise settles only when the checks already running are over, so
 * none is left running behind the caller's back.
 */
export async function checkEachBounded<T>(items: readonly T[], limit: number, check: (item: T, index: number) => Promise<void>): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of at least 1, not ${limit}`);
  let next = 0;
  let failedAt = Number.POSITIVE_INFINITY; // the index of the earliest item that failed so far
  let failure: unknown;
  // Each lane takes the next item when it is free; `next` is read and bumped synchronously, so
  // items start in order and no two lanes take the same one.
  const lane = async (): Promise<void> => {
    while (failedAt === Number.POSITIVE_INFINITY && next < items.length) {
      const index = next;
      next += 1;
      try {
        await check(items[index] as T, index);
      } catch (error) {
        // An earlier item may fail after a later one: keep the earliest, as the loop would have met it first.
        if (index < failedAt) [failedAt, failure] = [index, error];
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failedAt !== Number.POSITIVE_INFINITY) throw failure;
}
