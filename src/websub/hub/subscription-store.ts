/**
 * The hub's subscriptions, in Redis so any gateway can take one and any worker can deliver.
 * A subscription is the pair (topic, callback) (W3C WebSub §5.1): subscribing again renews it.
 *
 * Keys (src/streams/keys.ts; all under the `{nt}` hash tag, one Cluster slot, so each MULTI is
 * atomic there): a hash per subscription (callback, topic, channel, secret, leaseSeconds,
 * expiresAt, createdAt), a set of ids per channel, and a zset of lease ends.
 */
import { createHash } from 'node:crypto';
import { execChecked, type RedisClient } from '../../shared/redis.ts';
import { keys } from '../../streams/keys.ts';

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
  constructor(private readonly redis: RedisClient) {}

  async activate(input: Omit<Subscription, 'id' | 'expiresAt' | 'createdAt'>, now = Date.now()): Promise<Subscription> {
    const id = subscriptionId(input.topic, input.callback);
    const subscription: Subscription = { ...input, id, expiresAt: now + input.leaseSeconds * 1000, createdAt: now };
    await execChecked(
      this.redis
      .multi()
      .del(keys.websubSubscription(id))
      .hset(keys.websubSubscription(id), {
        callback: subscription.callback,
        topic: subscription.topic,
        channel: subscription.channel,
        secret: subscription.secret ?? '',
        leaseSeconds: String(subscription.leaseSeconds),
        expiresAt: String(subscription.expiresAt),
        createdAt: String(subscription.createdAt),
      })
      .sadd(keys.websubChannel(subscription.channel), id)
      .zadd(keys.websubExpiry, subscription.expiresAt, id),
    );
    return subscription;
  }

  async get(id: string): Promise<Subscription | undefined> {
    return decode(id, await this.redis.hgetall(keys.websubSubscription(id)));
  }

  async remove(id: string): Promise<boolean> {
    const existing = await this.get(id);
    if (existing === undefined) return false;
    await execChecked(this.redis.multi().del(keys.websubSubscription(id)).srem(keys.websubChannel(existing.channel), id).zrem(keys.websubExpiry, id));
    return true;
  }

  /** Live subscriptions to any of `channels` (channel names, `*` wildcards as stored). */
  async forChannels(channels: readonly string[], now = Date.now()): Promise<Subscription[]> {
    if (channels.length === 0) return [];
    const memberLists = await execChecked(this.redis.pipeline(channels.map((channel) => ['smembers', keys.websubChannel(channel)])));
    const ids = new Set<string>();
    for (const members of memberLists) for (const id of members as string[]) ids.add(id);
    if (ids.size === 0) return [];
    const ordered = [...ids];
    const hashes = await execChecked(this.redis.pipeline(ordered.map((id) => ['hgetall', keys.websubSubscription(id)])));
    const found: Subscription[] = [];
    ordered.forEach((id, index) => {
      const subscription = decode(id, (hashes[index] ?? {}) as Record<string, string>);
      if (subscription !== undefined && subscription.expiresAt > now) found.push(subscription);
    });
    return found;
  }

  /** Removes subscriptions whose lease has ended; answers how many. */
  async sweepExpired(now = Date.now()): Promise<number> {
    const expired = await this.redis.zrangebyscore(keys.websubExpiry, '-inf', now);
    let removed = 0;
    for (const id of expired) {
      if (await this.remove(id)) removed += 1;
      else await this.redis.zrem(keys.websubExpiry, id); // an index entry without its hash
    }
    return removed;
  }

  async count(): Promise<number> {
    return this.redis.zcard(keys.websubExpiry);
  }
}
