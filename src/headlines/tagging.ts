/**
 * How a headline gets its topics and regions. The ingestion paths call a `Tagger`; the
 * composition root decides which one (the text classifier in production).
 */
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
