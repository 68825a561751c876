/**
 * Changing the sources at runtime: create, edit, pause and resume, delete, poll now and import.
 * Each change is a compare-and-set on the source as it was read (a concurrent edit makes it
 * read again, never overwrite), is announced to every process by the store's script, and is
 * recorded in the audit log with the key's name, the state before and after, and the reason.
 */
import type { SourceConfig } from '../../config/sources.ts';
import type { AuditAction, AuditLog } from '../../editorial/audit.ts';
import { checkEachBounded } from '../../shared/bounded.ts';
import { AppError } from '../../shared/errors.ts';
import type { HealthOnChange, SourceStore, StoredSource } from './source-store.ts';
import type { SourceUrlCheck } from './source-url-guard.ts';
import type { WithReason } from './source-bodies.ts';
import type { OpmlCandidate } from './opml.ts';

/** Reads and retries of one change when other changes keep landing in between. */
const MAX_ATTEMPTS = 5;
/**
 * URLs of one import checked at once. Each check may be a DNS lookup, and Node runs those on
 * libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise): more at once would
 * only queue there, while each lookup's time limit already runs.
 */
export const IMPORT_URL_CHECKS_AT_ONCE = 4;

export interface SourceAdminDeps {
  store: SourceStore;
  audit: AuditLog;
  /** Queues an immediate poll for any worker (the poll queue). */
  requestPoll: (sourceId: string) => Promise<void>;
  /** Ends what a deleted source leaves elsewhere (its WebSub subscription); never rejects. */
  sourceDeleted: (sourceId: string) => Promise<void>;
  /** The SSRF check of new URLs (`sourceUrlCheck(ALLOW_PRIVATE_SOURCES)`). */
  checkUrl: SourceUrlCheck;
}

/** Who asks (the key's name) and why (optional), for the audit log. */
export interface Actor {
  name: string;
  reason?: string | undefined;
}

export interface ImportResult {
  created: SourceConfig[];
  skipped: { id: string; url: string; reason: string }[];
}

const notFound = (id: string): AppError => new AppError('NOT_FOUND', `no source "${id}"`);

export class SourceAdmin {
  constructor(private readonly deps: SourceAdminDeps) {}

  async create(source: SourceConfig, actor: Actor): Promise<SourceConfig> {
    await this.assertUrl(source.url);
    if (!(await this.deps.store.write(source.id, undefined, source, 'delete'))) {
      throw new AppError('CONFLICT', `a source with the id "${source.id}" already exists`, { details: [{ path: 'id', message: 'already exists' }] });
    }
    await this.record('source.create', source.id, actor, { after: source });
    return source;
  }

  /** Applies `change` to the source as it now is; a change that changes nothing writes nothing. */
  async update(id: string, change: (current: SourceConfig) => WithReason<SourceConfig>, actor: Actor): Promise<SourceConfig> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      const { value: next, reason } = change(current.source);
      if (JSON.stringify(next) === current.json) return next;
      if (next.url !== current.source.url) await this.assertUrl(next.url);
      // A new URL starts without the old one's ETag and Last-Modified (they would answer 304 wrongly).
      const health: HealthOnChange = next.url === current.source.url ? 'keep' : 'forget-validators';
      if (await this.deps.store.write(id, current, next, health)) {
        const { before, after } = difference(current.source, next);
        await this.record(updateAction(after), id, { ...actor, reason: reason ?? actor.reason }, { before, after });
        return next;
      }
    }
    throw this.busy(id);
  }

  /** Deletes the source, its health and its WebSub subscription; answers it as it was. */
  async remove(id: string, actor: Actor): Promise<SourceConfig> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const current = await this.read(id);
      if (await this.deps.store.write(id, current, undefined, 'delete')) {
        // Before the answer: once a delete is answered, the callback takes no more pushes for the source.
        await this.deps.sourceDeleted(id);
        await this.record('source.delete', id, actor, { before: current.source });
        return current.source;
      }
    }
    throw this.busy(id);
  }

  async pollNow(id: string, actor: Actor): Promise<void> {
    await this.read(id);
    await this.deps.requestPoll(id);
    await this.record('source.poll', id, actor, {});
  }

  /**
   * Creates each candidate that is not a source yet. One whose URL is already a source's is
   * skipped, so importing the same file twice changes nothing the second time; an id made from
   * a name that is taken gets a number (`bbc-news-2`), one the file named is skipped.
   */
  async importMany(candidates: readonly OpmlCandidate[], actor: Actor): Promise<ImportResult> {
    // Every URL passes before anything is written; the error is the first outline's in file order.
    await checkEachBounded(candidates, IMPORT_URL_CHECKS_AT_ONCE, ({ source }) => this.assertUrl(source.url, `${source.id}.url`));
    const existing = await this.deps.store.list();
    const urls = new Map(existing.map((source) => [comparableUrl(source.url), source.id]));
    const taken = new Set(existing.map((source) => source.id));
    const result: ImportResult = { created: [], skipped: [] };
    for (const { source: candidate, idGiven } of candidates) {
      const sameUrl = urls.get(comparableUrl(candidate.url));
      const source = idGiven ? candidate : { ...candidate, id: freeId(candidate.id, taken) };
      if (sameUrl !== undefined) {
        result.skipped.push({ id: candidate.id, url: candidate.url, reason: `the source "${sameUrl}" has this URL` });
      } else if (!(await this.deps.store.write(source.id, undefined, source, 'delete'))) {
        result.skipped.push({ id: source.id, url: source.url, reason: `a source with the id "${source.id}" already exists` });
      } else {
        urls.set(comparableUrl(source.url), source.id);
        taken.add(source.id);
        await this.record('source.create', source.id, { ...actor, reason: actor.reason ?? 'OPML import' }, { after: source });
        result.created.push(source);
      }
    }
    return result;
  }

  private async read(id: string): Promise<StoredSource> {
    const current = await this.deps.store.read(id);
    if (current === undefined) throw notFound(id);
    return current;
  }

  private assertUrl(url: string, path = 'url'): Promise<void> {
    return this.deps.checkUrl(url, path);
  }

  private busy(id: string): AppError {
    return new AppError('CONFLICT', `the source "${id}" kept changing while this change was applied; read it again and retry`);
  }

  private async record(action: AuditAction, target: string, actor: Actor, states: { before?: unknown; after?: unknown }): Promise<void> {
    await this.deps.audit.record({
      at: new Date().toISOString(),
      actor: actor.name,
      action,
      target,
      ...states,
      ...(actor.reason === undefined ? {} : { reason: actor.reason }),
    });
  }
}

/** The fields that differ, as they were and as they are. */
function difference(before: SourceConfig, after: SourceConfig): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const was = before as Record<string, unknown>;
  const is = after as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter((key) => JSON.stringify(was[key]) !== JSON.stringify(is[key]));
  return { before: Object.fromEntries(fields.map((key) => [key, was[key] ?? null])), after: Object.fromEntries(fields.map((key) => [key, is[key] ?? null])) };
}

/** Pausing or resuming alone is its own action; anything else (with or without it) is an update. */
function updateAction(after: Record<string, unknown>): AuditAction {
  const fields = Object.keys(after);
  if (fields.length === 1 && fields[0] === 'paused') return after.paused === true ? 'source.pause' : 'source.resume';
  return 'source.update';
}

/** `id`, or `id-2`, `id-3`... whichever is not taken yet. */
function freeId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n += 1) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`;
}

/** The same feed written two ways (`HTTP://Example.com/feed` and `http://example.com/feed`) is one URL (URLs were validated). */
function comparableUrl(raw: string): string {
  return new URL(raw).href;
}
