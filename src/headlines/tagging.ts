/**
 * How a headline gets its topics and regions. The ingestion paths call a `Tagger`; the
 * composition root decides which one (the text classifier in production).
 */
import { widenRegions } from '../channels/vocabulary.ts';
import type { Tags } from './normalise.ts';

export interface TagInput {
  title: string;
  summary?: string;
  lang?: string;
  explicitTopics?: string[];
  explicitRegions?: string[];
  sourceTopics?: string[];
  sourceRegions?: string[];
}

export type Tagger = (input: TagInput) => Tags;

/** Explicit tags win; else the source's defaults. Regions always carry their M49 areas. */
export const tagFromDefaults: Tagger = (input) => ({
  topics: [...new Set(input.explicitTopics ?? input.sourceTopics ?? [])],
  regions: widenRegions(input.explicitRegions ?? input.sourceRegions ?? []),
});
