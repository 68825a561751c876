/**
 * Lua scripts as ioredis commands. A script file is named `<what-it-does>-<N>.lua`, BullMQ's
 * convention: N is its number of KEYS, read here from the name rather than repeated by hand.
 * defineCommand runs EVALSHA with a fallback to EVAL, so a script survives a Redis restart.
 * A script whose first line is `#!lua flags=no-writes` is read-only: Redis runs it on a replica,
 * and a Cluster client that reads from replicas (scaleReads) sends it to one.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RedisClient } from './redis.ts';

function keyCountOf(file: URL): number {
  const match = /-(\d+)\.lua$/.exec(basename(fileURLToPath(file)));
  if (match?.[1] === undefined) throw new Error(`${file.pathname}: a script's name ends in -<number of KEYS>.lua`);
  return Number(match[1]);
}

/** Defines `command` on `redis` from `file` once (clients are shared by several modules). */
export function defineScript(redis: RedisClient, command: string, file: URL): void {
  if (command in redis) return;
  const lua = readFileSync(file, 'utf8');
  redis.defineCommand(command, { numberOfKeys: keyCountOf(file), lua, readOnly: isReadOnlyScript(lua) });
}

/** The flag must be on the script's first line (Redis reads the shebang nowhere else). */
export function isReadOnlyScript(lua: string): boolean {
  return /^#!lua flags=(?:[\w-]+,)*no-writes\b/.test(lua);
}
