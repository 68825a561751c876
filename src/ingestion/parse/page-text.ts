/**
 * Text listing pages (e.g. a captured "Latest news" column): within the section between
 * `startAfter` and `endBefore`, each item is a title line, optional summary lines, then a line
 * that parses with the source's date format. Blank lines only separate.
 */
import type { RawItem } from '../../headlines/headline.ts';
import { ParseError } from '../../shared/errors.ts';
import { parseFormattedDate } from './dates.ts';
import type { ParsedDocument } from './types.ts';

export interface TextExtraction {
  startAfter?: string;
  endBefore?: string;
  dateFormat: string;
  dateLocale: string;
}

/** The lines of the listing section, trimmed; the whole document when no markers are set. */
function sectionLines(text: string, extraction: TextExtraction): string[] {
  const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim());
  let start = 0;
  if (extraction.startAfter !== undefined) {
    const marker = extraction.startAfter.trim();
    const index = lines.indexOf(marker);
    if (index === -1) throw new ParseError(`page layout changed: no line "${marker}" marks the start of the listing`);
    start = index + 1;
  }
  let end = lines.length;
  if (extraction.endBefore !== undefined) {
    const marker = extraction.endBefore.trim();
    const index = lines.indexOf(marker, start);
    if (index !== -1) end = index;
  }
  return lines.slice(start, end);
}

export function parseTextListing(text: string, extraction: TextExtraction, timezone: string): ParsedDocument {
  const items: RawItem[] = [];
  let skipped = 0;
  let pending: string[] = [];
  for (const line of sectionLines(text, extraction)) {
    if (line === '') continue;
    const date = parseFormattedDate(line, extraction.dateFormat, { timezone, locale: extraction.dateLocale });
    if (date === null) {
      pending.push(line);
      continue;
    }
    const [title, ...summary] = pending;
    pending = [];
    if (title === undefined) {
      // A date line with no title above it: nothing to publish.
      skipped += 1;
      continue;
    }
    const item: RawItem = { title, publishedAt: date };
    if (summary.length > 0) item.summary = summary.join('\n');
    items.push(item);
  }
  // Lines after the last date line never got a date: an item cut off by the section end.
  if (pending.length > 0) skipped += 1;
  return { format: 'page', items, skipped };
}
