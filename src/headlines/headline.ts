import type { Headline } from '../protocol/headline.js';

/** The headline shape is a wire fact: `src/protocol/headline.ts` owns it. */
export type { Headline, HeadlineSource } from '../protocol/headline.js';

/** A headline before it has a stream id; what the store is given. */
export type HeadlineDraft = Omit<Headline, 'id'>;

/** A raw item from any source, before normalisation. */
export interface RawItem {
  title?: string | null;
  url?: string | null;
  summary?: string | null;
  guid?: string | null;
  /** A Date, an ISO string, or a string in a source-specific format already parsed upstream. */
  publishedAt?: Date | string | null;
  lang?: string | null;
  /** The publisher's own categories, raw (RSS category, Atom category, dc:subject, media:keywords, JSON Feed tags). */
  categories?: readonly string[];
  topics?: string[];
  regions?: string[];
}
