/** One JSON field per stream entry; the id is the entry id, added when read. */
import type { Headline, HeadlineDraft } from '../headlines/headline.ts';

export function encodeDraft(draft: HeadlineDraft): string {
  return JSON.stringify(draft);
}

export function decodeEntry(id: string, json: string): Headline {
  return toHeadline(id, JSON.parse(json) as HeadlineDraft);
}

/** Builds the contract's field order: id first, then the draft's fields. */
export function toHeadline(id: string, draft: HeadlineDraft): Headline {
  return {
    id,
    title: draft.title,
    ...(draft.url === undefined ? {} : { url: draft.url }),
    ...(draft.summary === undefined ? {} : { summary: draft.summary }),
    source: draft.source,
    publishedAt: draft.publishedAt,
    receivedAt: draft.receivedAt,
    topics: draft.topics,
    regions: draft.regions,
    ...(draft.lang === undefined ? {} : { lang: draft.lang }),
  };
}

/** ioredis returns entries as [id, [field, value, ...]]. */
export type RawStreamEntry = [id: string, fields: string[]];

export function decodeRawEntry(entry: RawStreamEntry): Headline | undefined {
  const [id, fields] = entry;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'h') {
      const value = fields[i + 1];
      return value === undefined ? undefined : decodeEntry(id, value);
    }
  }
  return undefined;
}
