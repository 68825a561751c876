/**
 * Redis Cluster runs a multi-key command or script only when all its keys share a hash slot.
 * Every key of the registry carries a hash tag at its start, so no argument can move it to
 * another slot; the scripts' key lists, built by the same functions the store and the reader
 * use, therefore stay in one slot for every topic and region there is.
 */
import { generateMulti } from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import { REGIONS, TOPICS } from '../../../src/channels/vocabulary.ts';
import { BULL_PREFIX, HEADLINE_STATE_PREFIX, keys } from '../../../src/streams/keys.ts';
import { facetStreamsOf, sourceOf } from '../../../src/streams/layout.ts';
import { BULL_SLOT, registryPrefixes, SERVICE_SLOT, slotOf } from '../../helpers/key-registry.ts';

const topics = TOPICS.map((topic) => topic.slug);
const regions = REGIONS.map((region) => region.slug);
/** Arguments a key function might be handed: ids, slugs, and text with braces of its own. */
const HOSTILE_SUFFIXES = ['', 'politics/*', '1718384340000-0', '{other}', '}{', 'a{b}c', '{', 'guid:{x}'];

describe('the key registry in Redis Cluster slots', () => {
  it('puts every key it can produce in the {nt} slot, and BullMQ in the {nt-bull} slot', () => {
    const prefixes = registryPrefixes();
    expect(prefixes.length).toBeGreaterThan(15);
    for (const prefix of prefixes) {
      const expected = prefix.startsWith(BULL_PREFIX) ? BULL_SLOT : SERVICE_SLOT;
      for (const suffix of HOSTILE_SUFFIXES) expect({ key: prefix + suffix, slot: slotOf(prefix + suffix) }).toEqual({ key: prefix + suffix, slot: expected });
    }
  });

  it('keeps BullMQ on a slot of its own, so a Cluster may serve the queues from another shard', () => {
    expect(BULL_SLOT).not.toBe(SERVICE_SLOT);
  });

  it('gives store-headlines.lua and apply-change.lua one slot for a headline of every topic and region', () => {
    const facets = facetStreamsOf({ topics, regions });
    expect(facets).toHaveLength(topics.length + regions.length);
    const stored = [keys.allStream, keys.seen('guid:{x}'), keys.seen('url:https://example.com/a'), ...facets, `${HEADLINE_STATE_PREFIX}1718384340000-0`];
    expect(generateMulti(stored)).toBe(SERVICE_SLOT);
    expect(generateMulti([keys.allStream, keys.headlineState('1718384340000-0'), ...facets])).toBe(SERVICE_SLOT);
  });

  it('gives read-combined-2.lua one slot for every combined channel', () => {
    for (const topic of topics) {
      for (const region of regions) {
        const source = sourceOf(`${topic}/${region}`);
        if (source.kind !== 'combined') throw new Error(`${topic}/${region} is not a combined channel`);
        expect(generateMulti([source.topicKey, source.regionKey])).toBe(SERVICE_SLOT);
      }
    }
  });
});
