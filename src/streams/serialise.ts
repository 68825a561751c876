/**
 * Stream entries hold one JSON field, and its name says the kind: `h` a new headline (without
 * its id: the entry id is the headline's id), `c` a change to an earlier headline (its own
 * entry id is the change id). Readers add the ids. What is read back is validated: an entry
 * written by another version, or by hand, must not reach a client malformed.
 */
import { z } from 'zod';
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

/** The stored draft as decoding checks it; fields it does not know pass through untouched. */
const storedDraftSchema = z.looseObject({
  title: z.string(),
  url: z.string().optional(),
  summary: z.string().optional(),
  source: z.object({ id: z.string(), name: z.string() }),
  publishedAt: z.string().nullable(),
  receivedAt: z.string(),
  topics: z.array(z.string()),
  regions: z.array(z.string()),
  lang: z.string().optional(),
  priority: z.enum(['normal', 'breaking']).optional(),
  revision: z.number().int().positive().optional(),
  updatedAt: z.string().optional(),
  categories: z.array(z.string()).optional(),
});

/** A stream entry that cannot be turned into a headline. */
export class UndecodableEntryError extends Error {
  constructor(
    readonly entryId: string,
    reason: string,
  ) {
    super(`stream entry ${entryId} is not a headline or a change: ${reason}`);
    this.name = 'UndecodableEntryError';
  }
}

export function encodeDraft(draft: HeadlineDraft): string {
  return JSON.stringify(draft);
}

/** Parses and validates a stored headline; throws UndecodableEntryError when it is not one. */
export function decodeEntry(id: string, json: string): Headline {
  const parsed = storedDraftSchema.safeParse(parseJson(id, json));
  if (!parsed.success) throw new UndecodableEntryError(id, describeIssues(parsed.error));
  return toHeadline(id, parsed.data);
}

function parseJson(id: string, json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new UndecodableEntryError(id, error instanceof Error ? error.message : String(error));
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`).join('; ');
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

const storedChangeSchema = z.discriminatedUnion('type', [
  z.looseObject({ topics: z.array(z.string()), regions: z.array(z.string()), type: z.literal('update'), headline: storedDraftSchema.extend({ id: z.string() }) }),
  z.looseObject({ topics: z.array(z.string()), regions: z.array(z.string()), type: z.literal('retract'), headline: z.looseObject({ id: z.string(), reason: z.string() }) }),
]);

/** Parses and validates a stored change; throws UndecodableEntryError when it is not one. */
export function decodeChange(id: string, json: string): Extract<StreamEntry, { kind: 'change' }> {
  const parsed = storedChangeSchema.safeParse(parseJson(id, json));
  if (!parsed.success) throw new UndecodableEntryError(id, describeIssues(parsed.error));
  const stored = parsed.data;
  const was = { topics: stored.topics, regions: stored.regions };
  if (stored.type === 'retract') {
    return { kind: 'change', id, change: { id, type: 'retract', headline: { id: stored.headline.id, retracted: true, reason: stored.headline.reason } }, was };
  }
  return { kind: 'change', id, change: { id, type: 'update', headline: toHeadline(stored.headline.id, stored.headline) }, was };
}

/** ioredis returns entries as [id, [field, value, ...]]. */
export type RawStreamEntry = [id: string, fields: string[]];

/** The entry as a headline or a change; throws UndecodableEntryError when it is neither. */
function decodeStreamEntry(entry: RawStreamEntry): StreamEntry {
  const [id, fields] = entry;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1];
    if (value === undefined) continue;
    if (fields[i] === HEADLINE_FIELD) return { kind: 'headline', id, headline: decodeEntry(id, value) };
    if (fields[i] === CHANGE_FIELD) return decodeChange(id, value);
  }
  throw new UndecodableEntryError(id, 'neither a headline nor a change field');
}

/**
 * Decodes entries of both kinds in order, skipping any that cannot be read: one corrupt entry
 * must not hide or stall everything after it. Each skipped entry goes to `onUndecodable`.
 */
export function decodeStreamEntries(entries: readonly RawStreamEntry[], onUndecodable: (error: UndecodableEntryError) => void): StreamEntry[] {
  const out: StreamEntry[] = [];
  for (const entry of entries) {
    try {
      out.push(decodeStreamEntry(entry));
    } catch (error) {
      onUndecodable(error instanceof UndecodableEntryError ? error : new UndecodableEntryError(entry[0], String(error)));
    }
  }
  return out;
}

/** The headlines among `entries` (changes are left out), as decodeStreamEntries decodes them. */
export function decodeEntries(entries: readonly RawStreamEntry[], onUndecodable: (error: UndecodableEntryError) => void): Headline[] {
  const out: Headline[] = [];
  for (const entry of decodeStreamEntries(entries, onUndecodable)) if (entry.kind === 'headline') out.push(entry.headline);
  return out;
}
