/**
 * An item's categories as its publisher gave them, raw: RSS `<category>`, Atom
 * `<category term label>` (the label when there is one), `dc:subject`, `media:keywords` and a
 * JSON Feed item's `tags`. Cleaning and capping happen in normalisation (headlines/categories.ts).
 */
import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';

interface Namespaced {
  dc?: { subjects?: string[] };
  media?: { keywords?: string[] };
}

const namespaced = (item: Namespaced): string[] => [...(item.dc?.subjects ?? []), ...(item.media?.keywords ?? [])];
const present = (values: ReadonlyArray<string | undefined>): string[] => values.filter((v): v is string => v !== undefined);

export function rssCategories(item: RssFeed.Item<string>): string[] {
  return [...present((item.categories ?? []).map((c) => c.name)), ...namespaced(item)];
}

export function rdfCategories(item: RdfFeed.Item<string>): string[] {
  return namespaced(item);
}

export function atomCategories(entry: AtomFeed.Entry<string>): string[] {
  return [...present((entry.categories ?? []).map((c) => c.label ?? c.term)), ...namespaced(entry)];
}

export function jsonCategories(item: JsonFeed.Item<string>): string[] {
  return item.tags ?? [];
}
