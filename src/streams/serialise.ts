/**
 * One JSON field per stream entry; the id is the entry id, added when read. What is read back
 * is validated: an entry written by another version, or by hand, must not reach a client malformed.
 */
import { z } from 'zod';
import type { Headline, HeadlineDraft } from '../headlines/headline.ts';

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
    super(`stream entry ${entryId} is not a headline: ${reason}`);
    this.name = 'UndecodableEntryError';
  }
}

export function encodeDraft(draft: HeadlineDraft): string {
  return JSON.stringify(draft);
}

/** Parses and validates a stored headline; throws UndecodableEntryError when it is not one. */
export function decodeEntry(id: string, json: string): Headline {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new UndecodableEntryError(id, error instanceof Error ? error.message : String(error));
  }
  const parsed = storedDraftSchema.safeParse(value);
  if (!parsed.success) throw new UndecodableEntryError(id, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`).join('; '));
  return toHeadline(id, parsed.data);
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

function decodeRawEntry(entry: RawStreamEntry): Headline | undefined {
  const [id, fields] = entry;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    if (fields[i] === 'h') {
      const value = fields[i + 1];
      return value === undefined ? undefined : decodeEntry(id, value);
    }
  }
  return undefined;
}

/**
 * Decodes entries in order, skipping any that cannot be read: one corrupt entry must not
 * hide or stall every headline after it. Each skipped entry goes to `onUndecodable`.
 */
export function decodeEntries(entries: readonly RawStreamEntry[], onUndecodable: (error: UndecodableEntryError) => void): Headline[] {
  const out: Headline[] = [];
  for (const entry of entries) {
    try {
      const headline = decodeRawEntry(entry);
      if (headline === undefined) throw new UndecodableEntryError(entry[0], 'no headline field');
      out.push(headline);
    } catch (error) {
      onUndecodable(error instanceof UndecodableEntryError ? error : new UndecodableEntryError(entry[0], String(error)));
    }
  }
  return out;
}
