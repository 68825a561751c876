/**
 * The sources file (SOURCES_FILE): a JSON array of sources, validated once at start-up.
 * A broken file stops start-up with a message naming the entry at fault.
 */
import { readFile } from 'node:fs/promises';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isRegion, isTopic } from '../channels/vocabulary.ts';
import { closestMatch } from '../shared/did-you-mean.ts';
import { AppError, describeError } from '../shared/errors.ts';

const timezone = z.string().refine((zone) => DateTime.local().setZone(zone).isValid, 'unknown IANA time zone');

/** Text listings: title lines, optional summary lines, then a date line. */
const textExtraction = z.strictObject({
  kind: z.literal('text'),
  /** Only lines after the first line equal to this (trimmed) are read. */
  startAfter: z.string().min(1).optional(),
  /** Reading stops at the first line equal to this (trimmed). */
  endBefore: z.string().min(1).optional(),
  /** luxon format of the date lines, e.g. "d MMMM yyyy - HH:mm". */
  dateFormat: z.string().min(1),
  dateLocale: z.string().min(2).default('en'),
});

/** HTML listings: CSS selectors per source. */
const htmlExtraction = z.strictObject({
  kind: z.literal('html'),
  item: z.string().min(1),
  title: z.string().min(1),
  link: z.string().min(1).optional(),
  summary: z.string().min(1).optional(),
  date: z.string().min(1).optional(),
  /** Attribute holding the date (e.g. "datetime"); the element's text when absent. */
  dateAttribute: z.string().min(1).optional(),
  /** luxon format; ISO-8601 when absent. */
  dateFormat: z.string().min(1).optional(),
  dateLocale: z.string().min(2).default('en'),
});

export const extractionSchema = z.discriminatedUnion('kind', [textExtraction, htmlExtraction]);
export type PageExtraction = z.infer<typeof extractionSchema>;

/** A source id: lower-case letters, digits and dashes (also what the sources API accepts in a path). */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A source's `lang`: a language code with an optional region or script. */
export const LANG_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

const baseSource = z.strictObject({
  id: z.string().regex(SOURCE_ID_PATTERN, 'lower-case letters, digits and dashes'),
  name: z.string().min(1).max(120),
  url: z
    .url()
    .refine((value) => /^(https?|file):/i.test(value), 'must be http(s) or file'),
  intervalSeconds: z.number().int().min(10).max(86_400).default(300),
  /** Only the newest this many items of one poll are stored; the rest are counted as left out. */
  maxItemsPerPoll: z.number().int().min(1).max(10_000).default(200),
  timezone: timezone.default('UTC'),
  lang: z.string().regex(LANG_PATTERN).optional(),
  topics: z.array(z.string().refine(isTopic, 'unknown topic')).default([]),
  regions: z.array(z.string().refine(isRegion, 'unknown region')).default([]),
  /** A paused source keeps its settings and health but is not polled (PATCH /api/sources/:id). */
  paused: z.boolean().default(false),
});

export const sourceSchema = z.discriminatedUnion('type', [
  baseSource.extend({ type: z.literal('feed') }),
  baseSource.extend({ type: z.literal('page'), extraction: extractionSchema }),
]);

export type SourceConfig = z.infer<typeof sourceSchema>;

// Every key a source entry or its `extraction` may hold: the vocabulary of "did you mean".
const SOURCE_KEYS = [...Object.keys(baseSource.shape), 'type', 'extraction'];
const EXTRACTION_KEYS = [...new Set([...Object.keys(textExtraction.shape), ...Object.keys(htmlExtraction.shape)])];

/** One problem of a source entry: where (a dotted path, the key itself for an unknown key) and what. */
export interface SourceIssue {
  path: string;
  message: string;
}

/** The problems of an entry; an unknown key names the closest known one, since a typo is the usual cause. */
export function sourceIssues(error: z.ZodError): SourceIssue[] {
  return error.issues.flatMap((issue): SourceIssue[] => {
    const where = issue.path.join('.');
    if (issue.code !== 'unrecognized_keys') return [{ path: where, message: issue.message }];
    const known = issue.path.at(-1) === 'extraction' ? EXTRACTION_KEYS : SOURCE_KEYS;
    return issue.keys.map((key) => {
      const suggestion = closestMatch(key, known);
      const name = where === '' ? key : `${where}.${key}`;
      return { path: name, message: `unknown key "${name}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; known keys: ${known.join(', ')}` };
    });
  });
}

function describeIssue(issue: SourceIssue): string {
  return issue.message.startsWith('unknown key') ? issue.message : `${issue.path || '(entry)'}: ${issue.message}`;
}

export function parseSources(json: unknown, origin = 'sources'): SourceConfig[] {
  if (!Array.isArray(json)) throw new AppError('SOURCES_FILE', `${origin}: must be a JSON array of sources`);
  const sources: SourceConfig[] = [];
  const seen = new Set<string>();
  json.forEach((entry: unknown, index) => {
    const result = sourceSchema.safeParse(entry);
    const label = typeof entry === 'object' && entry !== null && 'id' in entry ? `entry ${index} (id ${JSON.stringify(entry.id)})` : `entry ${index}`;
    if (!result.success) {
      const problems = sourceIssues(result.error).map(describeIssue);
      throw new AppError('SOURCES_FILE', `${origin}: ${label} is invalid: ${problems.join('; ')}`, { details: problems });
    }
    if (seen.has(result.data.id)) throw new AppError('SOURCES_FILE', `${origin}: ${label} repeats id "${result.data.id}"`);
    seen.add(result.data.id);
    sources.push(result.data);
  });
  return sources;
}

export async function loadSourcesFile(path: string): Promise<SourceConfig[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError('SOURCES_FILE', `cannot read SOURCES_FILE ${path}: ${describeError(error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError('SOURCES_FILE', `SOURCES_FILE ${path} is not valid JSON: ${describeError(error).message}`, { cause: error });
  }
  return parseSources(json, path);
}
