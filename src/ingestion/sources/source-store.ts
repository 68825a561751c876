/**
 * The sources, kept in Redis: one hash of source id → JSON, validated on the way in and on the
 * way out. Every change goes through change-source-3.lua (compare-and-set, new version token,
 * pub/sub announcement); every process reads through load-sources-3.lua, which seeds the store
 * from the sources file when it was never seeded.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../../shared/redis.ts';
import { sourceSchema, type SourceConfig } from '../../config/sources.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { defineScript } from '../../shared/lua-script.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { keys } from '../../streams/keys.ts';

/** A source as stored: its settings and the exact JSON read, which a change must still find to apply. */
export interface StoredSource {
  source: SourceConfig;
  json: string;
}

/** What a change does to the source's health hash (see change-source-3.lua). */
export type HealthOnChange = 'keep' | 'forget-validators' | 'delete';

export interface LoadedSources {
  /** Changes with every change; equal tokens mean the same sources. */
  version: string;
  /** True when this load seeded the store from the sources file. */
  seeded: boolean;
  sources: SourceConfig[];
}

interface SourceCommands {
  loadSources(sourcesKey: string, seededKey: string, versionKey: string, version: string, channel: string, ...seed: string[]): Promise<(string | number)[]>;
  changeSource(sourcesKey: string, versionKey: string, healthKey: string, id: string, expected: string, next: string, version: string, channel: string, health: HealthOnChange): Promise<number>;
}

export class SourceStore {
  private readonly redis: RedisClient & SourceCommands;

  constructor(
    redis: RedisClient,
    private readonly deps: { logger: Logger; metrics: Metrics },
  ) {
    defineScript(redis, 'loadSources', new URL('./commands/load-sources-3.lua', import.meta.url));
    defineScript(redis, 'changeSource', new URL('./commands/change-source-3.lua', import.meta.url));
    this.redis = redis as RedisClient & SourceCommands;
  }

  /** Every source (seeding the store from `seed` if it was never seeded), by id. */
  async load(seed: readonly SourceConfig[]): Promise<LoadedSources> {
    const args = seed.flatMap((source) => [source.id, JSON.stringify(source)]);
    const [seeded, version, ...pairs] = await this.redis.loadSources(keys.sources, keys.sourcesSeeded, keys.sourcesVersion, randomUUID(), keys.sourcesChanged, ...args);
    const entries: [string, string][] = [];
    for (let index = 0; index + 1 < pairs.length; index += 2) entries.push([String(pairs[index]), String(pairs[index + 1])]);
    return { version: String(version), seeded: seeded === 1, sources: this.decodeAll(entries) };
  }

  /** Every source, by id. */
  async list(): Promise<SourceConfig[]> {
    return this.decodeAll(Object.entries(await this.redis.hgetall(keys.sources)));
  }

  async read(id: string): Promise<StoredSource | undefined> {
    const json = await this.redis.hget(keys.sources, id);
    if (json === null) return undefined;
    const source = this.decode(id, json);
    return source === undefined ? undefined : { source, json };
  }

  async get(id: string): Promise<SourceConfig | undefined> {
    return (await this.read(id))?.source;
  }

  /** The version token; null when the store is not seeded (a new or wiped store, or a re-seed asked for). */
  async version(): Promise<string | null> {
    const [version, seeded] = await this.redis.mget(keys.sourcesVersion, keys.sourcesSeeded);
    return seeded === null ? null : (version ?? null);
  }

  /**
   * Writes `next` (undefined: deletes) if the source is still `expected` (undefined: absent).
   * False when it is not: nothing was changed, and the caller reads again.
   */
  async write(id: string, expected: StoredSource | undefined, next: SourceConfig | undefined, health: HealthOnChange): Promise<boolean> {
    const applied = await this.redis.changeSource(
      keys.sources,
      keys.sourcesVersion,
      keys.sourceState(id),
      id,
      expected?.json ?? '',
      next === undefined ? '' : JSON.stringify(next),
      randomUUID(),
      keys.sourcesChanged,
      health,
    );
    return applied === 1;
  }

  private decodeAll(entries: readonly [string, string][]): SourceConfig[] {
    const sources: SourceConfig[] = [];
    for (const [id, json] of entries) {
      const source = this.decode(id, json);
      if (source !== undefined) sources.push(source);
    }
    return sources.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /**
   * Entries are validated when written; one that no longer reads (edited by hand in Redis, or
   * written by a version with other rules) is left out, logged and counted, never fatal.
   */
  private decode(id: string, json: string): SourceConfig | undefined {
    let problem: string;
    try {
      const result = sourceSchema.safeParse(JSON.parse(json));
      if (result.success && result.data.id === id) return result.data;
      problem = result.success ? `it names the id "${result.data.id}"` : result.error.message;
    } catch (error) {
      problem = `not JSON: ${describeError(error).message}`;
    }
    this.deps.metrics.errors.inc({ component: 'sources', code: 'SOURCE_UNREADABLE' });
    this.deps.logger.error({ source: id, problem }, `source ${id} in Redis is not a valid source; it is ignored until it is removed from Redis (HDEL ${keys.sources} ${id})`);
    return undefined;
  }
}
