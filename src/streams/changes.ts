/**
 * Corrections and retractions on the streams. Each headline has a state record (a hash at
 * keys.headlineState(id), living as long as its de-duplication keys): its revision, the
 * fingerprint of what its source last said, the headline as corrected, and the retraction.
 * A change is written by apply-change.lua: one entry on the streams of the headline's old and
 * new tags, and the record, atomically and checked against the revision it was computed from.
 */
import { readFileSync } from 'node:fs';
import type { Headline } from '../headlines/headline.ts';
import { keys } from './keys.ts';
import { facetStreamsOf } from './layout.ts';
import { decodeEntry, encodeChange, encodeDraft, type RawStreamEntry } from './serialise.ts';
import type { StoreLimits } from './store.ts';
import type { RedisClient } from '../shared/redis.ts';

const APPLY_SCRIPT = readFileSync(new URL('./commands/apply-change.lua', import.meta.url), 'utf8');

export interface HeadlineState {
  /** As it now stands (the corrected text once corrected), with its original id. */
  headline: Headline;
  revision: number;
  retracted?: { reason: string; at: string };
  /** False for a headline stored before state records existed: applying a change creates it. */
  recorded: boolean;
}

export type ChangeRequest =
  | { type: 'update'; headline: Headline; sourceFingerprint?: string }
  | { type: 'retract'; reason: string; at: string };

export type ApplyOutcome = { ok: true; changeId: string } | { ok: false; reason: 'stale' | 'retracted' | 'gone' };

type ApplyReply = ['ok', string] | ['stale' | 'retracted' | 'gone'];

interface ChangeCommands {
  applyHeadlineChange(numberOfKeys: number, ...args: (string | number)[]): Promise<ApplyReply>;
}

/** The record's fields, in the order `read` asks for them. */
const STATE_FIELDS = ['h', 'rev', 'retracted', 'retractedAt'] as const;

export class ChangeStore {
  private readonly redis: RedisClient & ChangeCommands;

  constructor(
    redis: RedisClient,
    private readonly limits: StoreLimits,
  ) {
    if (!('applyHeadlineChange' in redis)) redis.defineCommand('applyHeadlineChange', { lua: APPLY_SCRIPT });
    this.redis = redis as RedisClient & ChangeCommands;
  }

  /** The headline as it now stands; undefined when neither its record nor the all-stream holds it. */
  async read(id: string): Promise<HeadlineState | undefined> {
    const [fields, entries] = await Promise.all([
      this.redis.hmget(keys.headlineState(id), ...STATE_FIELDS),
      this.redis.xrange(keys.allStream, id, id) as Promise<RawStreamEntry[]>,
    ]);
    const [current, revision, reason, retractedAt] = fields;
    const recorded = revision !== null && revision !== undefined;
    const original = entries[0]?.[1][1];
    const json = current ?? original;
    if (json === null || json === undefined) return undefined;
    return {
      headline: decodeEntry(id, json),
      revision: recorded ? Number(revision) : 1,
      ...(reason === null || reason === undefined ? {} : { retracted: { reason, at: retractedAt ?? '' } }),
      recorded,
    };
  }

  /** Writes `request` as a change to `state.headline`, unless the record moved on meanwhile. */
  async apply(state: HeadlineState, request: ChangeRequest): Promise<ApplyOutcome> {
    const before = state.headline;
    const after = request.type === 'update' ? request.headline : before;
    const streams = [...new Set([...facetStreamsOf(before), ...facetStreamsOf(after)])];
    const was = { topics: before.topics, regions: before.regions };
    const { allStreamMaxLen, channelStreamMaxLen, dedupeTtlSeconds } = this.limits;
    const common = [allStreamMaxLen, channelStreamMaxLen, dedupeTtlSeconds, state.revision, state.recorded ? '0' : '1'];
    const perKind =
      request.type === 'update'
        ? [encodeChange({ type: 'update', headline: after }, was), 'update', encodeDraft(withoutId(after)), after.revision ?? state.revision + 1, request.sourceFingerprint ?? '']
        : [encodeChange({ type: 'retract', headline: { id: before.id, retracted: true, reason: request.reason } }, was), 'retract', request.reason, request.at, ''];
    const reply = await this.redis.applyHeadlineChange(2 + streams.length, keys.allStream, keys.headlineState(before.id), ...streams, ...common, ...perKind);
    return reply[0] === 'ok' ? { ok: true, changeId: reply[1] } : { ok: false, reason: reply[0] };
  }
}

function withoutId(headline: Headline): Omit<Headline, 'id'> {
  const { id: _id, ...draft } = headline;
  return draft;
}
