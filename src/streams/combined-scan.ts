/**
 * The read of a combined channel (`politics/az`), whose entries are found by a Lua filter over
 * one of its two facet streams (commands/read-combined-2.lua). What one request may cost
 * Redis is bounded three ways:
 * - each script call examines at most SCAN_CHUNK entries, so no call holds Redis for long;
 * - a request examines at most its budget of entries in all (READ_SCAN_BUDGET, shared equally
 *   by its combined channels), after which its answer is partial and says so;
 * - a process runs one scan call at a time (the gate), so the requests of one gateway never
 *   queue more than one call in front of the live tail's reads, however many arrive at once.
 */
import { defineScript } from '../shared/lua-script.ts';
import { quotedSlug, type ChannelSource } from './layout.ts';
import type { RawStreamEntry } from './serialise.ts';
import type { RedisClient } from '../shared/redis.ts';

/** Entries one script call examines at most: about a millisecond of Redis time. */
export const SCAN_CHUNK = 500;

export type ScanMode = 'latest' | 'after';
export type ScanKinds = 'headlines' | 'all';
type CombinedSource = Extract<ChannelSource, { kind: 'combined' }>;

interface ScanCommands {
  readCombined(topicKey: string, regionKey: string, mode: ScanMode, cursor: string, limit: number, quotedTopic: string, quotedRegion: string, kinds: ScanKinds, budget: number): Promise<[RawStreamEntry[], string, number]>;
}

/** What the read of one combined channel within one request may still examine. */
export class ScanBudget {
  private spentEntries = 0;
  /** Set once a scan had to stop because nothing was left. */
  ranOut = false;
  constructor(readonly entries: number) {}

  get remaining(): number {
    return Math.max(0, this.entries - this.spentEntries);
  }

  spend(count: number): void {
    this.spentEntries += count;
  }
}

export interface ScanResult {
  /** Matches in scan order: newest first for `latest`, oldest first for `after`. */
  entries: RawStreamEntry[];
  /** Set when the budget ran out first: the id the scan reached (everything before it, for `after`, was examined). */
  stoppedAt?: string;
}

/** One call at a time, first come first served. */
class Gate {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    // The chain only orders the calls; each caller sees its own result or error.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}

export class CombinedScanner {
  private readonly redis: RedisClient & ScanCommands;
  private readonly gate = new Gate();

  constructor(redis: RedisClient) {
    defineScript(redis, 'readCombined', new URL('./commands/read-combined-2.lua', import.meta.url));
    this.redis = redis as RedisClient & ScanCommands;
  }

  /**
   * Up to `limit` matches from `cursor` on (exclusive; '' for `latest` from the newest), by as
   * many script calls as it takes, each examining at most SCAN_CHUNK entries of `budget`.
   */
  async scan(source: CombinedSource, mode: ScanMode, cursor: string, limit: number, kinds: ScanKinds, budget: ScanBudget): Promise<ScanResult> {
    const entries: RawStreamEntry[] = [];
    let position = cursor;
    for (;;) {
      const allowance = Math.min(SCAN_CHUNK, budget.remaining);
      if (allowance === 0) {
        budget.ranOut = true;
        return { entries, stoppedAt: position };
      }
      const from = position;
      const [matches, next, examined] = await this.gate.run(() =>
        this.redis.readCombined(source.topicKey, source.regionKey, mode, from, limit - entries.length, quotedSlug(source.topic), quotedSlug(source.region), kinds, allowance),
      );
      entries.push(...matches);
      budget.spend(examined);
      if (next === '') return { entries };
      position = next;
    }
  }
}
