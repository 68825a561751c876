/**
 * Turns a raw item (feed, page or publish API) into a headline draft plus its
 * de-duplication keys. Pure: the clock is passed in.
 */
import { createHash } from 'node:crypto';
import { HEADLINE_LIMITS } from '../protocol/headline-limits.ts';
import { ValidationError } from '../shared/errors.ts';
import { fitToStoredCap, languageTag } from './bounds.ts';
import type { HeadlineDraft, HeadlineSource, RawItem } from './headline.ts';
import { normaliseCategories } from './categories.ts';
import { normaliseText, SUMMARY_MAX, TITLE_MAX } from './text.ts';
import { canonicalUrlKey, normaliseUrl } from './url.ts';

/** How far in the future a date may be before it is clamped to receivedAt. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface Tags {
  topics: string[];
  regions: string[];
}

export interface NormaliseContext {
  /** Its name is untrusted text too (a publisher chooses it): normalised like a title. */
  source: HeadlineSource;
  receivedAt: Date;
  /** Base for relative links. */
  baseUrl?: string;
  /** Language when the item gives none. */
  defaultLang?: string;
}

export interface PreparedHeadline {
  draft: HeadlineDraft;
  /** Redis key suffixes; seen under any of them means duplicate. The first is the primary key. */
  dedupeKeys: string[];
  /**
   * For an item with a guid: a hash of its title and link. The same guid coming back with
   * another fingerprint is a correction by its source.
   */
  sourceFingerprint?: string;
}

export type NormaliseResult = { ok: true; headline: Omit<PreparedHeadline, 'draft'> & { draft: Omit<HeadlineDraft, 'topics' | 'regions'> } } | { ok: false; reason: string };

function toIsoOrNull(value: Date | string | null | undefined, receivedAt: Date): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  if (time > receivedAt.getTime() + FUTURE_TOLERANCE_MS) return receivedAt.toISOString();
  return date.toISOString();
}

const hash = (material: string): string => createHash('sha256').update(material).digest('base64url').slice(0, 32);

/**
 * Keys in order of authority: the source's guid, else the canonical URL, else the
 * normalised title with the source id. The canonical URL is added even when a guid exists so
 * that the same story arriving through the publish API with the same link is recognised.
 */
export function dedupeKeysFor(input: { sourceId: string; guid?: string; url?: string; title: string }): string[] {
  const keys: string[] = [];
  const guid = input.guid?.trim();
  if (guid !== undefined && guid.length > 0) keys.push(`g:${hash(`${input.sourceId}\u0000${guid}`)}`);
  if (input.url !== undefined) keys.push(`u:${hash(canonicalUrlKey(input.url))}`);
  if (keys.length === 0) keys.push(`t:${hash(`${input.sourceId}\u0000${input.title.toLowerCase()}`)}`);
  return keys;
}

/**
 * A source deliberately left unnamed (the publish API's, for a key whose name is not for readers)
 * stays unnamed; a name that normalises to nothing falls back to the source's id.
 */
function sourceNameOf(source: HeadlineSource): string {
  return source.name === '' ? '' : (normaliseText(source.name, HEADLINE_LIMITS.sourceNameChars) ?? source.id);
}

/** Normalises one item; an item with no usable title is refused, not guessed. */
export function normaliseItem(item: RawItem, context: NormaliseContext): NormaliseResult {
  const title = normaliseText(item.title, TITLE_MAX);
  if (title === undefined) return { ok: false, reason: 'item has no title' };
  const url = normaliseUrl(item.url, context.baseUrl);
  const summary = normaliseText(item.summary, SUMMARY_MAX);
  const lang = languageTag(item.lang) ?? languageTag(context.defaultLang);
  const categories = normaliseCategories(item.categories);
  const draft: Omit<HeadlineDraft, 'topics' | 'regions'> = {
    title,
    ...(url === undefined ? {} : { url }),
    ...(summary === undefined || summary === title ? {} : { summary }),
    source: { id: context.source.id, name: sourceNameOf(context.source) },
    publishedAt: toIsoOrNull(item.publishedAt, context.receivedAt),
    receivedAt: context.receivedAt.toISOString(),
    ...(lang === undefined ? {} : { lang }),
    ...(categories === undefined ? {} : { categories }),
  };
  const guid = item.guid?.trim() || undefined;
  const dedupeKeys = dedupeKeysFor({ sourceId: context.source.id, title, ...(guid === undefined ? {} : { guid }), ...(url === undefined ? {} : { url }) });
  return {
    ok: true,
    headline: { draft, dedupeKeys, ...(guid === undefined ? {} : { sourceFingerprint: sourceFingerprint(title, url) }) },
  };
}

/** What a source said of an item that, when it changes under the same guid, makes a correction. */
export function sourceFingerprint(title: string, url: string | undefined): string {
  return hash(`${title}\u0000${url ?? ''}`).slice(0, 16);
}

/**
 * The tagged headline, cut to the stored-JSON cap (see bounds.ts). Throws ValidationError for the
 * one that cannot fit even without summary, categories and link (its tags alone are too large).
 */
export function withTags(prepared: Extract<NormaliseResult, { ok: true }>['headline'], tags: Tags): PreparedHeadline {
  const draft = fitToStoredCap({ ...prepared.draft, topics: tags.topics, regions: tags.regions });
  if (draft === undefined) throw new ValidationError(`headline cannot fit in ${HEADLINE_LIMITS.storedJsonBytes} bytes of JSON`);
  return { ...prepared, draft };
}
