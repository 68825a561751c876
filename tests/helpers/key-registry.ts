/**
 * The key registry (src/streams/keys.ts) as Redis Cluster sees it: every prefix the registry
 * can produce, and the hash slots the service's keys may live in.
 */
import calculateSlot from 'cluster-key-slot';
import { BULL_PREFIX, HEADLINE_STATE_PREFIX, keys } from '../../src/streams/keys.ts';

const MARK = '\u0000';

/** The hash slot of `{nt}`: every key of the service's own. */
export const SERVICE_SLOT = calculateSlot('{nt}');
/** The hash slot of `{nt-bull}`: every BullMQ key (poll and WebSub queues). */
export const BULL_SLOT = calculateSlot(BULL_PREFIX);

export { calculateSlot as slotOf };

/** Every prefix the registry names: a string entry is itself, a function's is what it puts before its argument. */
export function registryPrefixes(): string[] {
  const prefixes = [`${BULL_PREFIX}:`, HEADLINE_STATE_PREFIX];
  for (const entry of Object.values(keys)) {
    if (typeof entry === 'string') prefixes.push(entry);
    else if (Array.isArray(entry)) prefixes.push(...(entry as readonly string[]));
    else {
      const key = (entry as (argument: string) => string)(MARK);
      prefixes.push(key.slice(0, key.indexOf(MARK)));
    }
  }
  return prefixes;
}

/** The registry prefix `key` starts with, or undefined when the registry does not name it. */
export function registryPrefixOf(key: string, prefixes: readonly string[] = registryPrefixes()): string | undefined {
  return prefixes.find((prefix) => key.startsWith(prefix));
}
