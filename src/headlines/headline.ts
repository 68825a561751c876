/** The one headline JSON shape of the public contract. */
export interface HeadlineSource {
  id: string;
  name: string;
}

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
}

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
  topics?: string[];
  regions?: string[];
}
