/**
 * How a headline gets its topics and regions. The ingestion paths call a `Tagger`; the
 * composition root decides which one (the text classifier in production).
 */
import type { Tags } from './normalise.ts';

export interface TagInput {
  readonly title: string;
  readonly summary?: string | undefined;
  readonly lang?: string | undefined;
  /** The item's link: its section path ("/sport/", "/world/middle-east/") is evidence. */
  readonly url?: string | undefined;
  /** The publisher's own categories of the item (normalised): strong evidence when they map. */
  readonly categories?: readonly string[] | undefined;
  /** Tags given on a published headline: authoritative, kept as given. */
  readonly explicitTopics?: readonly string[] | undefined;
  readonly explicitRegions?: readonly string[] | undefined;
  /** The source's configured defaults: merged ahead of what the text says. */
  readonly sourceTopics?: readonly string[] | undefined;
  readonly sourceRegions?: readonly string[] | undefined;
}

export type Tagger = (input: TagInput) => Tags;

/** What a normalised headline itself tells the tagger; each path adds the tags it knows of. */
export function draftEvidence(draft: { title: string; summary?: string | undefined; lang?: string | undefined; url?: string | undefined; categories?: readonly string[] | undefined }): TagInput {
  return { title: draft.title, summary: draft.summary, lang: draft.lang, url: draft.url, categories: draft.categories };
}
