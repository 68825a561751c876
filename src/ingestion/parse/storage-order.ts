import type { RawItem } from '../../headlines/headline.ts';

/**
 * Oldest first, so stream ids follow publication order within one poll: by date when every
 * item has one, else reversed document order (feeds and listings put the newest first).
 */
export function storageOrder(items: readonly RawItem[]): RawItem[] {
  const reversed = [...items].reverse();
  const times = reversed.map((item) => (item.publishedAt === null || item.publishedAt === undefined ? Number.NaN : new Date(item.publishedAt).getTime()));
  if (times.some((time) => Number.isNaN(time))) return reversed;
  return reversed.map((item, index) => ({ item, time: times[index] ?? 0 })).sort((a, b) => a.time - b.time).map((entry) => entry.item);
}
