/**
 * Headline classification: IPTC topics and ISO 3166 / UN M49 regions from the text,
 * and the merge with explicit tags and source defaults used by ingestion. Pure: the
 * dictionaries are compiled when this module is first imported, except the translated country
 * names of a language, compiled the first time a text in it comes (gazetteer.ts); a call does no I/O.
 */
import { isRegion, isTopic, widenRegions } from '../channels/vocabulary.ts';
import type { Tagger } from '../headlines/tagging.ts';
import { readFeedEvidence } from './feed-evidence.ts';
import { homeCountryOf } from './home-country.ts';
import type { FeedEvidence } from './feed-evidence.ts';
import { findCountries } from './regions.ts';
import type { RegionEvidence } from './regions.ts';
import { tokenise } from './tokens.ts';
import type { Token } from './tokens.ts';
import { chooseTopics, scoreTopics } from './topics.ts';
import type { TopicEvidence } from './topics.ts';

export type { RegionEvidence } from './regions.ts';
export type { TopicEvidence } from './topics.ts';

export interface ClassifyInput {
  readonly title: string;
  readonly summary?: string | undefined;
  readonly lang?: string | undefined;
  /** The item's link; its section path is read as evidence (feed-sections.ts). */
  readonly url?: string | undefined;
  /** The publisher's categories; those that map are strong evidence (feed-sections.ts). */
  readonly categories?: readonly string[] | undefined;
}

export interface Classification {
  /** At most three topic slugs, most confident first. */
  topics: string[];
  /** Countries found (lower-case alpha-2, in order of first mention), then their M49 areas. */
  regions: string[];
  evidence: {
    /** Every topic with any evidence, best first (not only the chosen ones). */
    topics: TopicEvidence[];
    regions: RegionEvidence[];
    /** What the categories and the link's sections said. */
    feed: string[];
  };
}

const MAX_TOPICS = 3;

/**
 * A wire dateline ("AMMAN/BEIRUT (Reuters) - ", "NEWARK, N.J. (AP) — ") says where the reporter
 * filed from, not what the story is about: it is not read as a place.
 */
const DATELINE = /^\s*\p{Lu}[^()\n]{0,60}?\((?:AP|Reuters|AFP|dpa|DPA|Xinhua|PTI|IANS|ANI|UPI|Bloomberg|EFE|ANSA|Kyodo|Yonhap)\)\s*[-—–:]\s*/u;
export const withoutDateline = (summary: string): string => summary.replace(DATELINE, '');

const unique = (items: Iterable<string>): string[] => [...new Set(items)];

/**
 * A headline that names a country but no topic word at all ("A defining test looms for India")
 * gets the commonest primary topic of such headlines instead of none: politics, the first topic
 * of 28% of the labelled headlines and of most that name a country and nothing else. Without a
 * country there is no such prior: "Your Daily Mini Crossword" stays untagged.
 */
const PRIOR_TOPIC = 'politics';
const PRIOR_EVIDENCE: TopicEvidence = { topic: PRIOR_TOPIC, score: 0, matched: ['(no topic word; a country is named: the prior)'] };

/**
 * Countries of the title and the summary read together, so that the ambiguity rules see the whole
 * text, and all of them count. Runs 8 and 9 kept only the title's countries when it named one,
 * and none from a summary listing three; both rules came from one feed whose summaries wander
 * (DW), and on every set labelled after them they cost more recall than they saved precision
 * (EVALUATION-NOTES.md, run 13).
 */
function regionsOf(title: readonly Token[], summary: readonly Token[], lang: string | undefined): RegionEvidence[] {
  return findCountries(summary.length === 0 ? title : [...title, ...summary], lang);
}

/**
 * The topics the categories and sections map to, best first: the one the text's words support
 * most, then the one more labels name ("Conservation", "Environment" and /environment/ against
 * one "Food"), then the first named. A desk label such as "Science" on a health story stays a
 * tag, but the words choose among the publisher's own labels.
 */
function rankFeedTopics(feed: FeedEvidence, text: readonly TopicEvidence[]): string[] {
  const scoreOf = (topic: string): number => text.find((e) => e.topic === topic)?.score ?? 0;
  const countOf = (topic: string): number => feed.labelCounts.get(topic) ?? 0;
  return feed.topics
    .map((topic, order) => ({ topic, order, score: scoreOf(topic), count: countOf(topic) }))
    .sort((a, b) => b.score - a.score || b.count - a.count || a.order - b.order)
    .map((t) => t.topic);
}

/**
 * Topics: those the categories and sections map to lead (rankFeedTopics), and the text's own
 * topics follow; where nothing maps the text alone decides. Regions: the text's countries, then those the
 * categories and sections name; when none is named, the country of the paper's domain (home-country.ts).
 */
export function classify(input: ClassifyInput): Classification {
  const titleTokens = tokenise(typeof input.title === 'string' ? input.title : '');
  const summaryTokens = tokenise(typeof input.summary === 'string' ? withoutDateline(input.summary) : '');
  const topicEvidence = scoreTopics(titleTokens, summaryTokens);
  const regionEvidence = regionsOf(titleTokens, summaryTokens, input.lang);
  const feed = readFeedEvidence(input.categories, input.url, input.lang);
  const topics = unique([...rankFeedTopics(feed, topicEvidence), ...chooseTopics(topicEvidence)]).slice(0, MAX_TOPICS);
  const prior = topics.length === 0 && regionEvidence.length > 0 ? [PRIOR_EVIDENCE] : [];
  const named = [...regionEvidence.map((r) => r.country), ...feed.regions];
  const home = named.length === 0 ? homeCountryOf(input.url) : undefined;
  return {
    topics: prior.length > 0 ? [PRIOR_TOPIC] : topics,
    regions: widenRegions(home === undefined ? named : [home]),
    evidence: {
      topics: [...topicEvidence, ...prior],
      regions: home === undefined ? regionEvidence : [{ country: home, matched: ["(no place named: the paper's domain)"] }],
      feed: feed.matched,
    },
  };
}

export type { TagInput } from '../headlines/tagging.ts';
export type { Tags } from '../headlines/normalise.ts';

const given = (list: readonly string[] | undefined): list is readonly string[] => list !== undefined && list.length > 0;

/**
 * Topics and regions for a headline. Authority: explicit tags (kept as given; regions
 * still widened with their M49 areas), else source defaults first and then the text's
 * classification. Classified topics are capped at three in total; every list is
 * deduplicated and holds only vocabulary slugs.
 */
export const tagHeadline: Tagger = (input) => {
  const explicitTopics = given(input.explicitTopics) ? input.explicitTopics : undefined;
  const explicitRegions = given(input.explicitRegions) ? input.explicitRegions : undefined;
  // Classify only when something is left to infer.
  const classified = explicitTopics !== undefined && explicitRegions !== undefined ? undefined : classify(input);

  const topics =
    explicitTopics !== undefined
      ? unique(explicitTopics.filter(isTopic))
      : unique([...(input.sourceTopics ?? []).filter(isTopic), ...(classified?.topics ?? [])]).slice(0, MAX_TOPICS);

  const regions =
    explicitRegions !== undefined
      ? widenRegions(explicitRegions.filter(isRegion))
      : widenRegions([...(input.sourceRegions ?? []), ...(classified?.regions ?? [])]);

  return { topics, regions };
};
