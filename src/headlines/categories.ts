/** The publisher's categories of an item as a headline carries them: plain text, capped, unique. */
import { CATEGORY_MAX_CHARS, MAX_CATEGORIES } from '../protocol/headline.ts';
import { normaliseText } from './text.ts';

/** Plain text, each capped, case-insensitively unique, at most MAX_CATEGORIES; undefined when none. */
export function normaliseCategories(raw: readonly (string | null | undefined)[] | null | undefined): string[] | undefined {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of raw ?? []) {
    if (out.length >= MAX_CATEGORIES) break;
    const text = normaliseText(value, CATEGORY_MAX_CHARS);
    if (text === undefined) continue;
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out.length > 0 ? out : undefined;
}
