/**
 * Corrections and retractions: by an editor (PATCH / DELETE /api/headlines/:id) and by a
 * headline's source (the same guid back with another title or link). Each is computed from
 * the headline as it now stands and written by ChangeStore.apply, which refuses it when the
 * record moved on meanwhile; the editor then reads again and recomputes.
 */
import { widenRegions, isRegion, isTopic } from '../channels/vocabulary.ts';
import type { Headline } from '../headlines/headline.ts';
import type { PreparedHeadline } from '../headlines/normalise.ts';
import { normaliseText, SUMMARY_MAX, TITLE_MAX } from '../headlines/text.ts';
import { normaliseUrl } from '../headlines/url.ts';
import type { HeadlinePriority, RetractedHeadline } from '../protocol/headline.ts';
import { AppError, ValidationError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from '../shared/metrics.ts';
import type { ChangeRequest, ChangeStore, HeadlineState } from '../streams/changes.ts';
import { toHeadline } from '../streams/serialise.ts';
import type { SourceCorrector } from '../streams/store.ts';
import type { AuditLog } from './audit.ts';

/** Fields an editor may change; `null` removes an optional one. */
export interface HeadlinePatch {
  title?: string | undefined;
  summary?: string | null | undefined;
  url?: string | null | undefined;
  topics?: string[] | undefined;
  regions?: string[] | undefined;
  priority?: HeadlinePriority | undefined;
}

export interface EditorDeps {
  changes: ChangeStore;
  audit: AuditLog;
  logger: Logger;
  metrics: Metrics;
  now?: () => Date;
}

/** Concurrent changes to one headline are rare; this many re-reads is plenty. */
const ATTEMPTS = 5;

export class HeadlineEditor implements SourceCorrector {
  private readonly now: () => Date;

  constructor(private readonly deps: EditorDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** Applies `patch`; answers the headline as it now stands (unchanged, and no change id, when the patch changes nothing). */
  async update(id: string, patch: HeadlinePatch, actor: string): Promise<{ headline: Headline; changeId?: string }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const state = editable(await this.deps.changes.read(id), id);
      const after = patched(state, patch, this.now());
      if (after === undefined) return { headline: state.headline };
      const outcome = await this.deps.changes.apply(state, { type: 'update', headline: after });
      if (outcome.ok) {
        await this.done('headline.update', actor, state, { type: 'update', headline: after }, outcome.changeId);
        return { headline: after, changeId: outcome.changeId };
      }
      failIfFinal(outcome.reason, id);
    }
    throw new AppError('CONFLICT', `headline ${id} is being changed by someone else; try again`);
  }

  async retract(id: string, reason: string, actor: string): Promise<{ headline: RetractedHeadline; changeId: string }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const state = editable(await this.deps.changes.read(id), id);
      const request: ChangeRequest = { type: 'retract', reason, at: this.now().toISOString() };
      const outcome = await this.deps.changes.apply(state, request);
      if (outcome.ok) {
        await this.done('headline.retract', actor, state, request, outcome.changeId);
        return { headline: { id, retracted: true, reason }, changeId: outcome.changeId };
      }
      failIfFinal(outcome.reason, id);
    }
    throw new AppError('CONFLICT', `headline ${id} is being changed by someone else; try again`);
  }

  /**
   * The store script saw the source's title or link change at `revision`. Anything that moved
   * the record on since (an editor, another worker applying the same correction) wins; the
   * next poll sees the difference again if it still stands. Tags and priority stay as they are:
   * a feed rewriting its title must not undo an editor's retag.
   */
  async correctFromSource(id: string, revision: number, prepared: PreparedHeadline): Promise<{ headline: Headline; changeId: string } | undefined> {
    const state = await this.deps.changes.read(id);
    if (state === undefined || state.retracted !== undefined || state.revision !== revision) return undefined;
    const { title, url, summary } = prepared.draft;
    const after = revised(state, { ...state.headline, title, url, summary }, this.now());
    const request: ChangeRequest = { type: 'update', headline: after, ...(prepared.sourceFingerprint === undefined ? {} : { sourceFingerprint: prepared.sourceFingerprint }) };
    const outcome = await this.deps.changes.apply(state, request);
    if (!outcome.ok) return undefined;
    await this.done('headline.source-correction', `source:${after.source.id}`, state, request, outcome.changeId);
    return { headline: after, changeId: outcome.changeId };
  }

  private async done(action: 'headline.update' | 'headline.retract' | 'headline.source-correction', actor: string, state: HeadlineState, request: ChangeRequest, changeId: string): Promise<void> {
    const origin = action === 'headline.source-correction' ? 'source' : 'editor';
    this.deps.metrics.headlineChanges.inc({ type: request.type, origin });
    this.deps.logger.info({ id: state.headline.id, changeId, action, actor }, 'headline changed');
    await this.deps.audit.record({
      at: this.now().toISOString(),
      actor,
      action,
      target: state.headline.id,
      before: state.headline,
      ...(request.type === 'update' ? { after: request.headline } : { reason: request.reason }),
    });
  }
}

function editable(state: HeadlineState | undefined, id: string): HeadlineState {
  if (state === undefined) throw new AppError('NOT_FOUND', `no headline ${id} (unknown, or too old to change)`);
  if (state.retracted !== undefined) throw new AppError('CONFLICT', `headline ${id} is already retracted`);
  return state;
}

function failIfFinal(reason: 'stale' | 'retracted' | 'gone', id: string): void {
  if (reason === 'retracted') throw new AppError('CONFLICT', `headline ${id} is already retracted`);
  if (reason === 'gone') throw new AppError('NOT_FOUND', `no headline ${id} (unknown, or too old to change)`);
}

/** The headline with `patch` applied, revised; undefined when the patch changes nothing. */
function patched(state: HeadlineState, patch: HeadlinePatch, now: Date): Headline | undefined {
  const before = state.headline;
  const next: Headline = { ...before };
  if (patch.title !== undefined) next.title = required(normaliseText(patch.title, TITLE_MAX), 'title', 'must have visible text');
  if (patch.summary !== undefined) next.summary = patch.summary === null ? undefined : normaliseText(patch.summary, SUMMARY_MAX);
  if (patch.url !== undefined) next.url = patch.url === null ? undefined : required(normaliseUrl(patch.url), 'url', 'must be an absolute http(s) URL');
  if (patch.topics !== undefined) next.topics = [...new Set(patch.topics.filter(isTopic))];
  if (patch.regions !== undefined) next.regions = widenRegions(patch.regions.filter(isRegion));
  if (patch.priority !== undefined) next.priority = patch.priority;
  return sameContent(before, next) ? undefined : revised(state, next, now);
}

function revised(state: HeadlineState, next: Headline, now: Date): Headline {
  return toHeadline(next.id, { ...next, revision: state.revision + 1, updatedAt: now.toISOString() });
}

const CONTENT = ['title', 'summary', 'url', 'topics', 'regions', 'priority'] as const;

function sameContent(a: Headline, b: Headline): boolean {
  return CONTENT.every((field) => JSON.stringify(a[field] ?? null) === JSON.stringify(b[field] ?? null));
}

function required<T>(value: T | undefined, field: string, message: string): T {
  if (value === undefined) throw new ValidationError('invalid change; nothing was stored', [{ path: field, message }]);
  return value;
}
