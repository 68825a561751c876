/**
 * Untrusted headline data meets the DOM only through these helpers: links only for http(s)
 * (never javascript:, data:, vbscript: …), and wire objects checked before use.
 */
import type { HeadlineChange, Headline } from '../protocol/events.ts';
import { isStreamId } from '../protocol/stream-id.ts';

/** The URL as an absolute http(s) href, or null when it is anything else. */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = base === undefined ? new URL(value) : new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const optionalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * A wire headline, shape-checked, or null. The server is trusted to send the contract's shape,
 * but a widget on someone else's page must not throw on a surprise from a newer server.
 */
export function toHeadline(value: unknown): Headline | null {
  if (!isRecord(value) || !isStreamId(value.id) || typeof value.title !== 'string') return null;
  const source = isRecord(value.source) ? value.source : {};
  const headline: Headline = {
    id: value.id,
    title: value.title,
    source: { id: optionalString(source.id) ?? '', name: optionalString(source.name) ?? '' },
    publishedAt: optionalString(value.publishedAt) ?? null,
    receivedAt: optionalString(value.receivedAt) ?? '',
    topics: strings(value.topics),
    regions: strings(value.regions),
  };
  const url = optionalString(value.url);
  if (url !== undefined) headline.url = url;
  const summary = optionalString(value.summary);
  if (summary !== undefined) headline.summary = summary;
  const lang = optionalString(value.lang);
  if (lang !== undefined) headline.lang = lang;
  if (value.priority === 'breaking') headline.priority = 'breaking';
  if (typeof value.revision === 'number' && Number.isInteger(value.revision)) headline.revision = value.revision;
  const updatedAt = optionalString(value.updatedAt);
  if (updatedAt !== undefined) headline.updatedAt = updatedAt;
  return headline;
}

/** A BCP 47-looking tag for the `lang` attribute, or null (never an arbitrary string). */
export function safeLangTag(value: string | undefined): string | null {
  return value !== undefined && /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(value) ? value : null;
}

/** A `changes` entry, shape-checked (the headline of an update as strictly as any headline), or null. */
export function toChange(value: unknown): HeadlineChange | null {
  if (!isRecord(value) || !isStreamId(value.id) || !isRecord(value.headline)) return null;
  if (value.type === 'retract') {
    const { id, reason } = value.headline;
    return isStreamId(id) ? { id: value.id, type: 'retract', headline: { id, retracted: true, reason: optionalString(reason) ?? '' } } : null;
  }
  const headline = value.type === 'update' ? toHeadline(value.headline) : null;
  return headline === null ? null : { id: value.id, type: 'update', headline };
}
