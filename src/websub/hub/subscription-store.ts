/**
 * The hub's subscriptions, in Redis so any gateway can take one and any worker can deliver.
 * A subscription is the pair (topic, callback) (W3C WebSub §5.1): subscribing again renews it.
 *
 * Keys (all under the `{nt}` hash tag, one Cluster slot, so each MULTI is atomic there):
 *   {nt}:websub:sub:<id>          hash: callback, topic, channel, secret, leaseSeconds, expiresAt, createdAt
 *   {nt}:websub:channel:<channel> set of ids subscribed to that channel's feeds (any format)
 *   {nt}:websub:expiry            zset id → expiresAt (ms), for the sweep and the count
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { assertExec } from '../../shared/redis-exec.ts';
import { KEY_PREFIX } from '../../streams/keys.ts';

export interface Subscription {
  readonly id: string;
  readonly callback: string;
  readonly topic: string;
  readonly channel: string;
  readonly secret?: string;
  readonly leaseSeconds: number;
  readonly expiresAt: number;
  readonly createdAt: number;
}

const keys = {
  subscription: (id: string): string => `${KEY_PREFIX}:websub:sub:${id}`,
  channel: (channel: string): string => `${KEY_PREFIX}:websub:channel:${channel}`,
  expiry: `${KEY_PREFIX}:websub:expiry`,
};

export function subscriptionId(topic: string, callback: string): string {
  return createHash('sha256').update(`${topic}\n${callback}`).digest('hex').slice(0, 32);
}

function decode(id: string, fields: Record<string, string>): Subscription | undefined {
  const { callback, topic, channel, secret, leaseSeconds, expiresAt, createdAt } = fields;
  if (callback === undefined || topic === undefined || channel === undefined) return undefined;
  return {
    id,
    callback,
    topic,
    channel,
    ...(secret === undefined || secret === '' ? {} : { secret }),
    leaseSeconds: Number(leaseSeconds),
    expiresAt: Number(expiresAt),
    createdAt: Number(createdAt),
  };
}

export class SubscriptionStore {
  constructor(private readonly redis: Redis) {}

  async activate(input: Omit<Subscription, 'id' | 'expiresAt' | 'createdAt'>, now = Date.now()): Promise<Subscription> {
    const id = subscriptionId(input.topic, input.callback);
    const subscription: Subscription = { ...input, id, expiresAt: now + input.leaseSeconds * 1000, createdAt: now };
    const results = await this.redis
      .multi()
      .del(keys.subscription(id))
      .hset(keys.subscription(id), {
        callback: subscription.callback,
        topic: subscription.topic,
        channel: subscription.channel,
        secret: subscription.secret ?? '',
        leaseSeconds: String(subscription.leaseSeconds),
        expiresAt: String(subscription.expiresAt),
        createdAt: String(subscription.createdAt),
      })
      .sadd(keys.channel(subscription.channel), id)
      .zadd(keys.expiry, subscription.expiresAt, id)
      .exec();
    assertExec(results, 'activating a WebSub subscription');
    return subscription;
  }

  async get(id: string): Promise<Subscription | undefined> {
    return decode(id, await this.redis.hgetall(keys.subscription(id)));
  }

  async remove(id: string): Promise<boolean> {
    const existing = await this.get(id);
    if (existing === undefined) return false;
    const results = await this.redis.multi().del(keys.subscription(id)).srem(keys.channel(existing.channel), id).zrem(keys.expiry, id).exec();
    assertExec(results, 'removing a WebSub subscription');
    return true;
  }

  /** Live subscriptions to any of `channels` (channel names, `*` wildcards as stored). */
  async forChannels(channels: readonly string[], now = Date.now()): Promise<Subscription[]> {
    if (channels.length === 0) return [];
    const memberLists = await this.redis.pipeline(channels.map((channel) => ['smembers', keys.channel(channel)])).exec();
    const ids = new Set<string>();
    for (const [error, members] of memberLists ?? []) {
      if (error !== null) throw error;
      for (const id of members as string[]) ids.add(id);
    }
    if (ids.size === 0) return [];
    const ordered = [...ids];
    const hashes = await this.redis.pipeline(ordered.map((id) => ['hgetall', keys.subscription(id)])).exec();
    const found: Subscription[] = [];
    ordered.forEach((id, index) => {
      const [error, fields] = hashes?.[index] ?? [null, {}];
      if (error !== null) throw error;
      const subscription = decode(id, fields as Record<string, string>);
      if (subscription !== undefined && subscription.expiresAt > now) found.push(subscription);
    });
    return found;
  }

  /** Removes subscriptions whose lease has ended; answers how many. */
  async sweepExpired(now = Date.now()): Promise<number> {
    const expired = await this.redis.zrangebyscore(keys.expiry, '-inf', now);
    let removed = 0;
    for (const id of expired) {
      if (await this.remove(id)) removed += 1;
      else await this.redis.zrem(keys.expiry, id); // an index entry without its hash
    }
    return removed;
  }

  async count(): Promise<number> {
    return this.redis.zcard(keys.expiry);
  }
}
