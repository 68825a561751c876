/**
 * What the running service sends Redis, read back with MONITOR while the whole flow runs
 * (poll, publish, resume, corrections, history, feeds, WebSub, shutdown), held against the key
 * registry: every key is one the registry names, and every command, transaction (MULTI ...
 * EXEC) and script, including the keys its Lua reaches itself, stays in one hash slot, as
 * Redis Cluster requires. Redis itself says which arguments are keys (COMMAND GETKEYS).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULL_PREFIX, keys } from '../../../src/streams/keys.ts';
import { registryPrefixes, registryPrefixOf, slotOf } from '../../helpers/key-registry.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';
import { runWholeFlow, startFlowFeed, type FlowFeed } from '../../helpers/whole-flow.ts';

interface Monitored {
  args: string[];
  /** The client's address, or `lua` for a command a script ran. */
  source: string;
}

/** What Cluster must place on one node: one command, one transaction, or one script with what its Lua ran. */
interface Unit {
  what: string;
  keys: string[];
}

let redisServer: TestRedis;
let monitorClient: Redis;
/** MONITOR runs on a connection of its own, which must be closed too. */
let monitor: Redis;
let feed: FlowFeed;
const monitored: Monitored[] = [];

beforeAll(async () => {
  redisServer = await startTestRedis();
  monitorClient = new Redis(redisServer.url);
  monitor = await monitorClient.monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => monitored.push({ args, source }));
  feed = await startFlowFeed();
});
afterAll(async () => {
  monitor.disconnect();
  monitorClient.disconnect();
  await feed.close();
  await redisServer.cleanup();
});

/** Keys of each distinct command, as Redis computes them; commands without keys get none. */
async function keysOfCommands(commands: readonly string[][]): Promise<Map<string, string[]>> {
  const client = new Redis(redisServer.url);
  try {
    const distinct = [...new Map(commands.map((args) => [JSON.stringify(args), args])).values()];
    const pipeline = client.pipeline();
    for (const args of distinct) pipeline.call('COMMAND', 'GETKEYS', ...args);
    const replies = (await pipeline.exec()) ?? [];
    return new Map(distinct.map((args, index) => {
      const [error, found] = replies[index] ?? [null, []];
      return [JSON.stringify(args), error === null ? (found as string[]) : []];
    }));
  } finally {
    client.disconnect();
  }
}

/** Groups the monitored commands: a MULTI's commands until its EXEC (per connection), a script's Lua commands with it. */
function unitsOf(lines: readonly Monitored[], keysOf: (args: string[]) => string[]): Unit[] {
  const units: Unit[] = [];
  const transactions = new Map<string, Unit>();
  let script: Unit | undefined; // MONITOR lists a script before the commands its Lua runs
  for (const { args, source } of lines) {
    const name = (args[0] ?? '').toLowerCase();
    if (source === 'lua') {
      script?.keys.push(...keysOf(args));
      continue;
    }
    if (name === 'multi') {
      transactions.set(source, { what: `MULTI from ${source}`, keys: [] });
      continue;
    }
    const open = transactions.get(source);
    if (name === 'exec' || name === 'discard') {
      if (open !== undefined) units.push(open);
      transactions.delete(source);
      continue;
    }
    const unit = open ?? { what: args.slice(0, 3).join(' ').slice(0, 120), keys: [] };
    unit.keys.push(...keysOf(args));
    if (open === undefined) units.push(unit);
    script = /^(eval|evalsha|eval_ro|evalsha_ro|fcall)$/.test(name) ? unit : undefined;
  }
  return units;
}

describe('the keys the running service uses', () => {
  it('are all in the registry, and no command, transaction or script spans two hash slots', async () => {
    const service = await startTestService({ REDIS_URL: redisServer.url, ROLE: 'all' }, [feed.source]);
    try {
      await runWholeFlow(service);
    } finally {
      await service.stop();
    }
    // The monitor has seen everything once it sees a command sent after the service stopped.
    const marker = new Redis(redisServer.url);
    await marker.exists('{nt}:monitor-marker');
    marker.disconnect();
    await waitFor(() => monitored.some(({ args }) => args[1] === '{nt}:monitor-marker'), { what: 'the monitor to catch up' });
    const lines = monitored.filter(({ args }) => args[1] !== '{nt}:monitor-marker');

    const keysByCommand = await keysOfCommands(lines.map(({ args }) => args));
    const units = unitsOf(lines, (args) => keysByCommand.get(JSON.stringify(args)) ?? []);
    const prefixes = registryPrefixes();
    const allKeys = new Set(units.flatMap((unit) => unit.keys));
    expect([...allKeys].filter((key) => registryPrefixOf(key, prefixes) === undefined)).toEqual([]);
    const crossSlot = units.filter((unit) => new Set(unit.keys.map((key) => slotOf(key))).size > 1);
    expect(crossSlot.map((unit) => `${unit.what}: ${[...new Set(unit.keys)].join(' ')}`)).toEqual([]);

    // The check saw the multi-key work it is about, not only single-key commands.
    const multiKey = units.filter((unit) => new Set(unit.keys).size > 1);
    const saw = (test: (unitKeys: string[]) => boolean): boolean => multiKey.some((unit) => test(unit.keys));
    expect(saw((found) => found.includes(keys.allStream) && found.some((key) => key.startsWith('{nt}:seen:')))).toBe(true); // store-headlines.lua
    expect(saw((found) => found.includes(keys.allStream) && found.some((key) => key.startsWith('{nt}:headline:')))).toBe(true); // apply-change.lua
    expect(saw((found) => found.includes(keys.channelStream('politics/*')) && found.includes(keys.channelStream('*/az')) && !found.includes(keys.allStream))).toBe(true); // read-combined-2.lua
    expect(saw((found) => found.some((key) => key.startsWith('{nt}:websub:')))).toBe(true); // the hub's MULTI
    expect(saw((found) => found.some((key) => key.startsWith(`${BULL_PREFIX}:poll:`)))).toBe(true); // BullMQ's scripts
    expect([...allKeys].some((key) => key.startsWith('{nt}:rl:'))).toBe(true);
    expect([...allKeys].some((key) => key.startsWith(keys.socketIoAdapter))).toBe(true);
  }, 90_000);
});
