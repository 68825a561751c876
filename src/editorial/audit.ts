/**
 * The editorial audit log: who changed what, when and why. A bounded Redis list, newest
 * first. `record` is the one seam every editorial action and every source change goes through.
 */
import { execChecked, type RedisClient } from '../shared/redis.ts';
import { keys } from '../streams/keys.ts';

/** Entries kept; older ones are trimmed as new ones arrive. */
export const AUDIT_MAX_ENTRIES = 10_000;

export const AUDIT_ACTIONS = [
  'headline.update',
  'headline.retract',
  'headline.source-correction',
  'source.create',
  'source.update',
  'source.delete',
  'source.pause',
  'source.resume',
  'source.poll',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** UTC ISO-8601. */
  at: string;
  /** The key's name (or `source:<id>` for a correction by a feed). */
  actor: string;
  action: AuditAction;
  /** What was acted on: a headline id or a source id. */
  target: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The newest `limit` entries, newest first. */
  recent(limit: number): Promise<AuditEntry[]>;
}

export function createAuditLog(redis: RedisClient, maxEntries = AUDIT_MAX_ENTRIES): AuditLog {
  return {
    record: async (entry) => {
      // One MULTI: the list never holds more than maxEntries, even briefly.
      await execChecked(redis.multi().lpush(keys.audit, JSON.stringify(entry)).ltrim(keys.audit, 0, maxEntries - 1));
    },
    recent: async (limit) => {
      const raw = await redis.lrange(keys.audit, 0, Math.max(0, limit - 1));
      return raw.map((json) => JSON.parse(json) as AuditEntry);
    },
  };
}
