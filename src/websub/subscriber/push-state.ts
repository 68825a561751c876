/**
 * Our subscriptions to the hubs that source feeds name, one Redis hash per source, so every
 * worker and gateway sees the same state: the gateway answers the hub's verification and takes
 * pushes, workers subscribe, renew and decide whether polling may slow down.
 *
 * One hash per source (keys.pushState): hub, topic, secret, status, leaseExpiresAt,
 * requestedAt, lastPushAt, pushes, lastError.
 */
import { execChecked, type RedisClient } from '../../shared/redis.ts';
import { keys } from '../../streams/keys.ts';

/** `pending`: asked the hub, waiting for its verification; `active`: verified and within the lease. */
export type PushStatus = 'pending' | 'active' | 'unsubscribing' | 'failed';

export interface PushState {
  hub: string;
  topic: string;
  secret: string;
  status: PushStatus;
  /** ms since the epoch; 0 until verified. */
  leaseExpiresAt: number;
  requestedAt: number;
  lastPushAt: number;
  pushes: number;
  lastError: string;
}

/** What /api/sources shows: no secret. */
export interface PublicPushState {
  hub: string;
  status: PushStatus | 'expired';
  leaseExpiresAt: string | null;
  lastPushAt: string | null;
  pushes: number;
  lastError: string | null;
}

const key = keys.pushState;

function decode(fields: Record<string, string>): PushState | undefined {
  if (fields.hub === undefined || fields.topic === undefined || fields.secret === undefined) return undefined;
  return {
    hub: fields.hub,
    topic: fields.topic,
    secret: fields.secret,
    status: (fields.status ?? 'pending') as PushStatus,
    leaseExpiresAt: Number(fields.leaseExpiresAt ?? 0),
    requestedAt: Number(fields.requestedAt ?? 0),
    lastPushAt: Number(fields.lastPushAt ?? 0),
    pushes: Number(fields.pushes ?? 0),
    lastError: fields.lastError ?? '',
  };
}

/** Healthy: verified and with a lease still running; only then may polling slow down. */
export function isPushHealthy(state: PushState | undefined, now = Date.now()): boolean {
  return state?.status === 'active' && state.leaseExpiresAt > now;
}

export function publicView(state: PushState, now = Date.now()): PublicPushState {
  const expired = state.status === 'active' && state.leaseExpiresAt <= now;
  return {
    hub: state.hub,
    status: expired ? 'expired' : state.status,
    leaseExpiresAt: state.leaseExpiresAt > 0 ? new Date(state.leaseExpiresAt).toISOString() : null,
    lastPushAt: state.lastPushAt > 0 ? new Date(state.lastPushAt).toISOString() : null,
    pushes: state.pushes,
    lastError: state.lastError === '' ? null : state.lastError,
  };
}

export class PushStateStore {
  constructor(private readonly redis: RedisClient) {}

  async get(sourceId: string): Promise<PushState | undefined> {
    return decode(await this.redis.hgetall(key(sourceId)));
  }

  async requested(sourceId: string, request: { hub: string; topic: string; secret: string }, now = Date.now()): Promise<void> {
    // PERSIST: a source deleted and added again under its id must not inherit the retired state's expiry.
    await execChecked(this.redis.multi().hset(key(sourceId), { ...request, status: 'pending', requestedAt: String(now), lastError: '' }).persist(key(sourceId)));
  }

  async verified(sourceId: string, leaseSeconds: number, now = Date.now()): Promise<void> {
    await this.redis.hset(key(sourceId), { status: 'active', leaseExpiresAt: String(now + leaseSeconds * 1000), lastError: '' });
  }

  async markStatus(sourceId: string, status: PushStatus, error = ''): Promise<void> {
    await this.redis.hset(key(sourceId), { status, lastError: error });
  }

  async pushed(sourceId: string, now = Date.now()): Promise<void> {
    await execChecked(this.redis.multi().hset(key(sourceId), 'lastPushAt', String(now)).hincrby(key(sourceId), 'pushes', 1));
  }

  /** The source was deleted: `unsubscribing` until the hub verifies (which removes it), and gone after `keepMs` regardless. */
  async retire(sourceId: string, keepMs: number): Promise<void> {
    await execChecked(this.redis.multi().hset(key(sourceId), { status: 'unsubscribing', lastError: '' }).pexpire(key(sourceId), keepMs));
  }

  async remove(sourceId: string): Promise<void> {
    await this.redis.del(key(sourceId));
  }

  async all(sourceIds: readonly string[]): Promise<Map<string, PushState>> {
    const found = new Map<string, PushState>();
    if (sourceIds.length === 0) return found;
    const replies = await execChecked(this.redis.pipeline(sourceIds.map((id) => ['hgetall', key(id)])));
    sourceIds.forEach((id, index) => {
      const state = decode((replies[index] ?? {}) as Record<string, string>);
      if (state !== undefined) found.set(id, state);
    });
    return found;
  }
}
