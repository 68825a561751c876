/**
 * The workload: a realistic topic × region mix shared by the clients' subscriptions and the
 * publisher's headlines, drawn from a seeded PRNG so that every server sees the same workload.
 */
import { parseChannel, type Channel } from '../../src/channels/channel.ts';
import { matchesChannel } from '../../src/protocol/channels.ts';
import { widenRegions } from '../../src/channels/vocabulary.ts';

/** mulberry32: tiny, fast, good enough for workload generation; seeded for reproducibility. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Weighted = readonly (readonly [string, number])[];

/** Roughly how often wire services tag these topics: politics and economy dominate. */
const TOPIC_WEIGHTS: Weighted = [
  ['politics', 20], ['economy', 15], ['conflict', 10], ['sport', 10], ['crime-law', 7], ['disaster', 5],
  ['health', 5], ['science-technology', 5], ['environment', 4], ['society', 4], ['arts-culture', 4],
  ['weather', 3], ['education', 2], ['labour', 2], ['religion', 2], ['human-interest', 1], ['lifestyle', 1],
];

/** Countries a world/regional desk covers most; each headline is widened to its M49 areas. */
const COUNTRY_WEIGHTS: Weighted = [
  ['us', 12], ['gb', 8], ['ru', 6], ['ua', 6], ['cn', 6], ['az', 6], ['ir', 5], ['de', 5], ['fr', 5],
  ['in', 5], ['tr', 4], ['il', 4], ['jp', 3], ['br', 3], ['ge', 3], ['am', 3], ['ng', 2], ['za', 2],
  ['au', 2], ['ca', 2], ['it', 2], ['es', 2], ['pl', 2], ['kz', 2], ['eg', 2], ['mx', 1], ['kr', 1], ['pk', 1],
];

/** Areas clients subscribe to, weighted by how many readers follow a whole region. */
const AREA_WEIGHTS: Weighted = [
  ['europe', 4], ['asia', 3], ['western-asia', 4], ['eastern-europe', 3], ['northern-america', 2],
  ['northern-europe', 2], ['western-europe', 2], ['central-asia', 1], ['africa', 1], ['latin-america-and-the-caribbean', 1],
];

function pick(list: Weighted, random: () => number): string {
  let total = 0;
  for (const [, weight] of list) total += weight;
  let roll = random() * total;
  for (const [value, weight] of list) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return list[0]?.[0] ?? '';
}

export interface Tags {
  topics: string[];
  regions: string[];
}

/** One headline's tags: 1–2 topics, 1–2 countries widened to their sub-regions and regions. */
export function headlineTags(random: () => number): Tags {
  const topics = new Set([pick(TOPIC_WEIGHTS, random)]);
  if (random() < 0.35) topics.add(pick(TOPIC_WEIGHTS, random));
  const countries = new Set([pick(COUNTRY_WEIGHTS, random)]);
  if (random() < 0.3) countries.add(pick(COUNTRY_WEIGHTS, random));
  return { topics: [...topics], regions: widenRegions(countries) };
}

/**
 * A client's 1–3 channels: a topic (`politics/<any>`), a place (`<any>/az`, `<any>/europe`) or
 * both (`economy/western-asia`), the way readers follow a desk, a country or a beat.
 */
export function clientChannels(random: () => number): string[] {
  const count = 1 + Math.floor(random() * 3);
  const channels = new Set<string>();
  while (channels.size < count) {
    const roll = random();
    const region = random() < 0.6 ? pick(COUNTRY_WEIGHTS, random) : pick(AREA_WEIGHTS, random);
    if (roll < 0.3) channels.add(`${pick(TOPIC_WEIGHTS, random)}/*`);
    else if (roll < 0.55) channels.add(`*/${region}`);
    else channels.add(`${pick(TOPIC_WEIGHTS, random)}/${region}`);
  }
  return [...channels];
}

export interface Workload {
  /** Channels per client, in client order. */
  clients: string[][];
  /** Headline tag combinations the publisher cycles through. */
  pool: Tags[];
  /** For each pool entry, how many clients it reaches (at least one matching channel). */
  reach: number[];
}

export function buildWorkload(clientCount: number, seed = 42, poolSize = 512): Workload {
  const random = rng(seed);
  const clients = Array.from({ length: clientCount }, () => clientChannels(random));
  const pool = Array.from({ length: poolSize }, () => headlineTags(random));
  const parsed: Channel[][] = clients.map((names) =>
    names.map((name) => {
      const result = parseChannel(name);
      if (!result.ok) throw new Error(`workload produced a bad channel ${name}: ${result.reason}`);
      return result.channel;
    }),
  );
  const reach = pool.map((tags) => parsed.filter((channels) => channels.some((channel) => matchesChannel(tags, channel.name))).length);
  return { clients, pool, reach };
}

/** Mean share of clients a headline reaches. */
export function meanReach(workload: Workload): number {
  if (workload.reach.length === 0 || workload.clients.length === 0) return 0;
  return workload.reach.reduce((sum, n) => sum + n, 0) / workload.reach.length / workload.clients.length;
}
