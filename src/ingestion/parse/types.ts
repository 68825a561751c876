import type { RawItem } from '../../headlines/headline.ts';

/** What a parser makes of one fetched document. */
export interface ParsedDocument {
  format: 'rss' | 'rdf' | 'atom' | 'json' | 'page';
  /** The feed's or page's own title, when it has one. */
  title?: string;
  /** Items in document order; `publishedAt` is a Date or null (never a guessed date). */
  items: RawItem[];
  /** Items dropped because they had neither a title nor a url. */
  skipped: number;
  /** WebSub discovery: the hub and the topic (`rel="self"`) the feed names, absolute. */
  links?: FeedLinks;
}

export interface FeedLinks {
  hub?: string;
  self?: string;
}
