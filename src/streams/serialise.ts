/**
 * Stream entries hold one JSON field, and its name says the kind: `h` a new headline (without
 * its id: the entry id is the headline's id), `c` a change to an earlier headline (its own
 * entry id is the change id). Readers add the ids.
 */
import type { Headline, HeadlineDraft } from '../headlines/headline.ts';
import type { HeadlineChange } from '../protocol/headline.ts';

export const HEADLINE_FIELD = 'h';
export const CHANGE_FIELD = 'c';

/** The tags a headline had before a change: the channels it is leaving are theirs. */
export interface ChangeTags {
  topics: string[];
  regions: string[];
}

export type StreamEntry =
  | { kind: 'headline'; id: string; headline: Headline }
  | {
      kind: 'change';
      id: string;
      change: HeadlineChange;
      /** The headline's tags before the change; an update's new tags are on its headline. */
      was: ChangeTags;
    };

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
    priority: draft.priority ?? 'normal',
    revision: draft.revision ?? 1,
    ...(draft.updatedAt === undefined ? {} : { updatedAt: draft.updatedAt }),
    ...(draft.categories === undefined ? {} : { categories: draft.categories }),
  };
}

/**
 * A change entry's JSON. The old tags come first: the combined-channel script reads the first
 * `"topics":[` and `"regions":[` as the old tags and the next ones (an update's headline) as
 * the new tags, so a combined channel gets a change when either the old or the new tags match.
 */
export function encodeChange(change: Omit<HeadlineChange, 'id'>, was: ChangeTags): string {
  return JSON.stringify({ topics: was.topics, regions: was.regions, type: change.type, headline: change.headline });
}

type StoredChange = ChangeTags & ({ type: 'update'; headline: Headline } | { type: 'retract'; headline: { id: string; reason: string } });

export function decodeChange(id: string, json: string): Extract<StreamEntry, { kind: 'change' }> {
  const stored = JSON.parse(json) as StoredChange;
  const was = { topics: stored.topics, regions: stored.regions };
  if (stored.type === 'retract') {
    return { kind: 'change', id, change: { id, type: 'retract', headline: { id: stored.headline.id, retracted: true, reason: stored.headline.reason } }, was };
  }
  return { kind: 'change', id, change: { id, type: 'update', headline: toHeadline(stored.headline.id, stored.headline) }, was };
}

/** ioredis returns entries as [id, [field, value, ...]]. */
export type RawStreamEntry = [id: string, fields: string[]];

/** The entry as a headline or a change; undefined when it holds neither field. */
export function decodeStreamEntry(entry: RawStreamEntry): StreamEntry | undefined {
  const [id, fields] = entry;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1];
    if (value === undefined) continue;
    if (fields[i] === HEADLINE_FIELD) return { kind: 'headline', id, headline: decodeEntry(id, value) };
    if (fields[i] === CHANGE_FIELD) return decodeChange(id, value);
  }
  return undefined;
}

/** The entry's headline; undefined for a change entry or an entry without either field. */
export function decodeRawEntry(entry: RawStreamEntry): Headline | undefined {
  const decoded = decodeStreamEntry(entry);
  return decoded?.kind === 'headline' ? decoded.headline : undefined;
}
