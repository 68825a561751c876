/**
 * Request bodies of the sources API, validated with the sources file's own schema: a source
 * added through the API obeys the same rules as one in the file, and a 400 names each field
 * at fault (an unknown key with the closest known one). Every body may carry a `reason`, kept
 * in the audit log.
 */
import { z } from 'zod';
import { sourceIssues, sourceSchema, type SourceConfig } from '../../config/sources.ts';
import { ValidationError } from '../../shared/errors.ts';

const reasonSchema = z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters').optional();

export interface WithReason<T> {
  value: T;
  reason?: string | undefined;
}

function invalid(issues: { path: string; message: string }[]): ValidationError {
  const first = issues[0];
  const where = first === undefined ? '' : `${first.path === '' ? '(body)' : first.path}: ${first.message}`;
  return new ValidationError(`invalid source${where === '' ? '' : ` (${where})`}; nothing was changed`, issues);
}

/** The body as an object, and its `reason` apart from the rest. */
function splitReason(body: unknown): WithReason<Record<string, unknown>> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid([{ path: '', message: 'the body must be a JSON object' }]);
  const { reason, ...rest } = body as Record<string, unknown>;
  const parsed = reasonSchema.safeParse(reason);
  if (!parsed.success) throw invalid([{ path: 'reason', message: parsed.error.issues[0]?.message ?? 'invalid' }]);
  return { value: rest, reason: parsed.data };
}

function asSource(candidate: Record<string, unknown>): SourceConfig {
  const result = sourceSchema.safeParse(candidate);
  if (!result.success) throw invalid(sourceIssues(result.error));
  return result.data;
}

/** POST /api/sources: a whole source. */
export function parseCreateBody(body: unknown): WithReason<SourceConfig> {
  const { value, reason } = splitReason(body);
  return { value: asSource(value), reason };
}

/** Only the body's reason (DELETE, poll now): every other key is refused. */
export function parseReasonBody(body: unknown): string | undefined {
  if (body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0)) return undefined;
  const { value, reason } = splitReason(body);
  const unknown = Object.keys(value);
  if (unknown.length > 0) throw invalid(unknown.map((key) => ({ path: key, message: `unknown key "${key}": this request takes only "reason"` })));
  return reason;
}

function sameId(value: Record<string, unknown>, id: string): void {
  if ('id' in value && value.id !== id) throw invalid([{ path: 'id', message: `the id cannot change (it is "${id}"): create the source under the new id and delete this one` }]);
}

/**
 * PUT /api/sources/:id: a whole source replacing `current`. The id may be left out; `paused`
 * stays as it is unless given, so saving an edit form never resumes a paused source by accident.
 */
export function parseReplaceBody(body: unknown, current: SourceConfig): WithReason<SourceConfig> {
  const { value, reason } = splitReason(body);
  sameId(value, current.id);
  return { value: asSource({ paused: current.paused, ...value, id: current.id }), reason };
}

/**
 * PATCH /api/sources/:id: any of the fields, merged onto `current`; `null` removes an optional
 * one (`lang`). Becoming a `feed` drops the page's `extraction`.
 */
export function parsePatchBody(body: unknown, current: SourceConfig): WithReason<SourceConfig> {
  const { value, reason } = splitReason(body);
  sameId(value, current.id);
  if (Object.keys(value).length === 0) throw invalid([{ path: '', message: 'give at least one field to change (e.g. { "paused": true })' }]);
  const merged = Object.fromEntries(Object.entries({ ...current, ...value }).filter(([, field]) => field !== null));
  if (merged.type === 'feed') delete merged.extraction;
  return { value: asSource(merged), reason };
}
