/**
 * The one headline JSON shape of the public contract (design.md, "Headline" and "Second round
 * of the contract"). Types only and browser-safe: the gateway, the store, the widget, the
 * dashboard and the tests all import it from here.
 */
export interface HeadlineSource {
  id: string;
  name: string;
}

/**
 * The source a headline published through the API without one is filed under: a placeholder
 * for feeds and metrics, which readers' screens leave out rather than show "Publish API".
 */
export const UNNAMED_PUBLISH_SOURCE: Readonly<HeadlineSource> = Object.freeze({ id: 'publish-api', name: 'Publish API' });

export type HeadlinePriority = 'normal' | 'breaking';

export interface Headline {
  /** Redis stream entry id in the all-stream; the same id in every channel stream. */
  id: string;
  title: string;
  url?: string;
  summary?: string;
  source: HeadlineSource;
  /** UTC ISO-8601; null when the source gave no usable date (never faked). */
  publishedAt: string | null;
  receivedAt: string;
  topics: string[];
  regions: string[];
  lang?: string;
  /** `normal` when absent. */
  priority?: HeadlinePriority;
  /** 1 when first stored, +1 with each correction. */
  revision?: number;
  /** UTC ISO-8601 of the latest correction; absent until revised. */
  updatedAt?: string;
  /** The publisher's own categories of the item: plain text, at most 10, each capped. */
  categories?: string[];
}

/** `categories`: at most this many per headline, each at most CATEGORY_MAX_CHARS characters. */
export const MAX_CATEGORIES = 10;
export const CATEGORY_MAX_CHARS = 60;

/** What a client is told of a retracted headline. */
export interface RetractedHeadline {
  /** The original headline's id. */
  id: string;
  retracted: true;
  reason: string;
}

/**
 * The reason of the removal a subscriber receives when a headline is retagged out of its
 * channels: the headline was not retracted, it left what this client follows.
 */
export const RETAGGED_AWAY_REASON = 'retagged: no longer in the channels you follow';

/** A headline in REST history with `include=retracted`: retracted ones say so. */
export type HistoryHeadline = Headline & { retracted?: true; reason?: string };

/**
 * A correction or a retraction: an entry of its own on the streams, so `id` (the change id)
 * orders it with new headlines and is a resume cursor like any headline id.
 */
export type HeadlineChange =
  | { id: string; type: 'update'; headline: Headline }
  | { id: string; type: 'retract'; headline: RetractedHeadline };
