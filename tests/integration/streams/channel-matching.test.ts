/**
 * Which headlines a channel carries is decided in two languages: in TypeScript by
 * src/protocol/channels.ts (the live path, the widget, the dashboard) and in Lua by
 * src/streams/commands/read-combined-2.lua (history of combined channels such as
 * `politics/az`), with the stream layout deciding the rest. Random headlines, retags and
 * channels, stored in a real Redis and read back, must get the same answer from both.
 */
import fc from 'fast-check';
import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { normaliseItem, withTags } from '../../../src/headlines/normalise.ts';
import { channelsOf, matchesChannel, WILDCARD, type Tagged } from '../../../src/protocol/channels.ts';
import { ChangeStore } from '../../../src/streams/changes.ts';
import type { HeadlineReader } from '../../../src/streams/reader.ts';
import { HeadlineStore } from '../../../src/streams/store.ts';
import { usePrivateReader } from '../../helpers/reader.ts';

const setup = usePrivateReader();
let redis: Redis;
let reader: HeadlineReader;
beforeEach(() => ({ redis, reader } = setup));

const LIMITS = { allStreamMaxLen: 10_000, channelStreamMaxLen: 10_000, dedupeTtlSeconds: 60 };
/** Slugs that are prefixes, suffixes and dashed parts of one another: what a substring search would confuse. */
const TOPICS = ['a', 'ab', 'a-b', 'b', 'politics', 'politics-x'];
const REGIONS = ['a', 'az', 'aze', 'z', 'asia', 'western-asia'];
/** Text that spells the JSON of tags, to show that a title cannot pass for them. */
const DECOYS = ['"topics":["a"]', '"regions":["az"],"topics":["politics"]', '\\"topics\\":[\\"b\\"]', '"]', '["a","az"]'];

interface Tags {
  topics: string[];
  regions: string[];
}
interface HeadlineCase {
  tags: Tags;
  title: string;
  summary: string | undefined;
}
interface ChangeCase {
  target: number;
  retract: boolean;
  tags: Tags;
}

const tags: fc.Arbitrary<Tags> = fc.record({
  topics: fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 3 }),
  regions: fc.uniqueArray(fc.constantFrom(...REGIONS), { maxLength: 3 }),
});
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...DECOYS));
const headline: fc.Arbitrary<HeadlineCase> = fc.record({ tags, title: text, summary: fc.option(text, { nil: undefined }) });
/** A retag of the i-th stored headline (modulo the count), or its retraction. */
const change: fc.Arbitrary<ChangeCase> = fc.record({ target: fc.nat(), retract: fc.boolean(), tags });
const channel = fc.tuple(fc.constantFrom(WILDCARD, ...TOPICS), fc.constantFrom(WILDCARD, ...REGIONS)).map(([topic, region]) => `${topic}/${region}`);

/** What was written to the streams, in id order, with the tags the TypeScript side judges it by. */
interface Written {
  id: string;
  /** A headline: its tags. A change: the tags before it, and after it (none for a retraction). */
  tags: Tagged[];
}

interface Stored {
  entries: Written[];
  /** Each headline's tags as it now stands, by id, in id order. */
  current: Map<string, Tagged>;
}

async function write(headlines: HeadlineCase[], changes: ChangeCase[]): Promise<Stored> {
  const store = new HeadlineStore(redis, LIMITS);
  const changeStore = new ChangeStore(redis, LIMITS);
  const items = headlines.map((h, i) => {
    const result = normaliseItem({ title: `h${i} ${h.title}`, summary: h.summary ?? null, guid: `g${i}` }, { source: { id: 'test', name: 'Test' }, receivedAt: new Date() });
    if (!result.ok) throw new Error(result.reason);
    return withTags(result.headline, h.tags);
  });
  const entries: Written[] = (await store.storeMany(items)).map((stored, i) => ({ id: stored.id, tags: [headlines[i]?.tags ?? { topics: [], regions: [] }] }));
  const current = new Map(entries.map((entry) => [entry.id, entry.tags[0] ?? { topics: [], regions: [] }]));
  const ids = [...current.keys()];
  for (const { target, retract, tags: next } of changes) {
    const id = ids[target % ids.length] ?? '';
    const state = await changeStore.read(id);
    if (state === undefined || state.retracted !== undefined) continue;
    const before = { topics: state.headline.topics, regions: state.headline.regions };
    const outcome = retract
      ? await changeStore.apply(state, { type: 'retract', reason: 'test', at: new Date().toISOString() })
      : await changeStore.apply(state, { type: 'update', headline: { ...state.headline, ...next } });
    if (!outcome.ok) throw new Error(`change refused: ${outcome.reason}`);
    entries.push({ id: outcome.changeId, tags: retract ? [before] : [before, next] });
    if (!retract) current.set(id, next);
  }
  return { entries, current };
}

describe('channel matching: TypeScript and Lua agree', () => {
  it('on random headlines, retags, retractions and channels', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(headline, { minLength: 1, maxLength: 25 }),
        fc.array(change, { maxLength: 8 }),
        fc.uniqueArray(channel, { minLength: 1, maxLength: 6 }),
        async (headlines, changes, channels) => {
          await redis.flushall();
          const { entries, current } = await write(headlines, changes);
          for (const name of channels) {
            const expected = entries.filter((entry) => entry.tags.some((t) => matchesChannel(t, name))).map((entry) => entry.id);
            // channelsOf enumerates the same rule: the live path's lookups agree with the matcher.
            expect(entries.filter((entry) => entry.tags.some((t) => channelsOf(t).includes(name))).map((entry) => entry.id)).toEqual(expected);
            // Entries of both kinds, oldest first: the script's 'after' scan.
            expect((await reader.entriesAfter([name], '0-0', 1_000)).entries.map((entry) => entry.id)).toEqual(expected);
            // Headlines as they now stand, found by the script's 'latest' scan (newest first) through
            // their own entry or a change that retagged them in.
            const standing = [...current].filter(([, tagged]) => matchesChannel(tagged, name)).map(([id]) => id);
            const history = await reader.latest([name], 1_000, { includeRetracted: true });
            expect(history.map((h) => h.id)).toEqual(standing);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
