/**
 * Lua scripts as ioredis commands. A script file is named `<what-it-does>-<N>.lua`, BullMQ's
 * convention: N is its number of KEYS, read here from the name rather than repeated by hand.
 * defineCommand runs EVALSHA with a fallback to EVAL, so a script survives a Redis restart.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

export function keyCountOf(file: URL): number {
  const match = /-(\d+)\.lua$/.exec(basename(fileURLToPath(file)));
  if (match?.[1] === undefined) throw new Error(`${file.pathname}: a script's name ends in -<number of KEYS>.lua`);
  return Number(match[1]);
}

/** Defines `command` on `redis` from `file` once (clients are shared by several modules). */
export function defineScript(redis: Redis, command: string, file: URL): void {
  if (command in redis) return;
  redis.defineCommand(command, { numberOfKeys: keyCountOf(file), lua: readFileSync(file, 'utf8') });
}
