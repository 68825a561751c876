/**
 * The read of a combined channel (`politics/az`), whose entries are found by a Lua filter over
 * one of its two facet streams (commands/read-combined-2.lua). What one request may cost
 * Redis is bounded three ways:
 * - each script call examines at most SCAN_CHUNK entries, so no call holds Redis for long;
 * - a request examines at most its budget of entries in all (READ_SCAN_BUDGET, shared equally
 *   by its combined channels), after which its answer is partial and says so;
 * - a process runs one scan call at a time (the gate), so the requests of one gateway never
 *   queue more than one call in front of the live tail's reads, however many arrive at once,
 *   and paces them to READ_SCAN_RATE entries a second, so that a flood of them cannot keep
 *   Redis busy either.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { defineScript } from '../shared/lua-script.ts';
import { quotedSlug, type ChannelSource } from './layout.ts';
import type { RawStreamEntry } from './serialise.ts';
import type { RedisClient } from '../shared/redis.ts';

/** Entries one script call examines at most: about a millisecond of Redis time. */
export const SCAN_CHUNK = 500;
/** Entries a process's scans examine a second at most, unless configured (READ_SCAN_RATE): about a quarter of a Redis core. */
export const DEFAULT_SCAN_RATE = 100_000;

export type ScanMode = 'latest' | 'after';
type CombinedSource = Extract<ChannelSource, { kind: 'combined' }>;
/** The script's answer: matches, where to go on ('' when complete), entries examined. */
export type ScanReply = [RawStreamEntry[], string, number];

interface ScanCommands {
  /** `kinds` 'all': change entries match too (every reader wants them). */
  readCombined(topicKey: string, regionKey: string, mode: ScanMode, cursor: string, limit: number, quotedTopic: string, quotedRegion: string, kinds: 'all', budget: number): Promise<ScanReply>;
}

/** What the read of one combined channel within one request may still examine. */
export class ScanBudget {
  /** Set once a scan had to stop because nothing was left. */
  ranOut = false;
  constructor(public remaining: number) {}

  spend(count: number): void {
    this.remaining = Math.max(0, this.remaining - count);
  }
}

export interface ScanResult {
  /** Matches in scan order: newest first for `latest`, oldest first for `after`. */
  entries: RawStreamEntry[];
  /** Set when the budget ran out first: the id the scan reached (everything before it, for `after`, was examined). */
  stoppedAt?: string;
}

/** Time as the gate sees it; tests pass their own. */
export interface GateClock {
  now(): number;
  sleep(ms: number): Promise<unknown>;
}

const realClock: GateClock = { now: () => performance.now(), sleep: (ms) => sleep(ms) };

/**
 * One call at a time, first come first served, paced so that this process's calls examine at
 * most `entriesPerSecond` entries a second (READ_SCAN_RATE): a flood of expensive reads then
 * waits in the gateway while Redis keeps most of its time for the live tail and for stores.
 */
export class ScanGate {
  private tail: Promise<unknown> = Promise.resolve();
  /** When the next call may start (clock ms): the calls before it paid up to here. */
  private nextAt = 0;

  constructor(
    private readonly entriesPerSecond: number,
    private readonly clock: GateClock = realClock,
  ) {}

  run(allowance: number, call: () => Promise<ScanReply>): Promise<ScanReply> {
    const task = async (): Promise<ScanReply> => {
      const wait = this.nextAt - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      const started = Math.max(this.nextAt, this.clock.now());
      this.nextAt = started + this.costMs(allowance);
      const reply = await call();
      // A call that finished early pays for what it examined, not for its allowance.
      this.nextAt = started + this.costMs(reply[2]);
      return reply;
    };
    const result = this.tail.then(task, task);
    // The chain only orders the calls; each caller sees its own result or error.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private costMs(entries: number): number {
    return (entries / this.entriesPerSecond) * 1000;
  }
}

export class CombinedScanner {
  private readonly redis: RedisClient & ScanCommands;
  private readonly gate: ScanGate;

  /** `entriesPerSecond`: READ_SCAN_RATE, what this process's scans may examine a second. */
  constructor(redis: RedisClient, entriesPerSecond = DEFAULT_SCAN_RATE) {
    this.gate = new ScanGate(entriesPerSecond);
    defineScript(redis, 'readCombined', new URL('./commands/read-combined-2.lua', import.meta.url));
    this.redis = redis as RedisClient & ScanCommands;
  }

  /**
   * Up to `limit` matches from `cursor` on (exclusive; '' for `latest` from the newest), by as
   * many script calls as it takes, each examining at most SCAN_CHUNK entries of `budget`.
   */
  async scan(source: CombinedSource, mode: ScanMode, cursor: string, limit: number, budget: ScanBudget): Promise<ScanResult> {
    const entries: RawStreamEntry[] = [];
    let position = cursor;
    for (;;) {
      const allowance = Math.min(SCAN_CHUNK, budget.remaining);
      if (allowance === 0) {
        budget.ranOut = true;
        return { entries, stoppedAt: position };
      }
      const from = position;
      const [matches, next, examined] = await this.gate.run(allowance, () =>
        this.redis.readCombined(source.topicKey, source.regionKey, mode, from, limit - entries.length, quotedSlug(source.topic), quotedSlug(source.region), 'all', allowance),
      );
      entries.push(...matches);
      budget.spend(examined);
      if (next === '') return { entries };
      position = next;
    }
  }
}
