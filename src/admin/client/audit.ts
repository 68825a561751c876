/**
 * The audit tail (GET /api/audit, scope `admin`): who did what to which headline or source,
 * when, why, and what changed, newest first.
 */
import { el } from '../../browser/dom.ts';
import type { AdminApi } from './api.ts';
import { Panel } from './panel.ts';
import { isRecord } from './guards.ts';

const TAIL = 40;
const VALUE_MAX = 80;

export interface AuditView {
  at: string;
  actor: string;
  action: string;
  target: string;
  reason?: string;
  /** "title: old → new", one per field that changed. */
  changes: string[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function shown(value: unknown): string {
  if (value === undefined || value === null) return '∅';
  const raw = typeof value === 'string' ? value : JSON.stringify(value);
  return raw.length > VALUE_MAX ? `${raw.slice(0, VALUE_MAX - 1)}…` : raw;
}

/** Bookkeeping that changes with every correction: left out so the edit itself stands out. */
const QUIET_FIELDS = new Set(['revision', 'updatedAt']);

/** A whole headline or source in one phrase: its title or name. */
function named(value: unknown): string {
  return shown(isRecord(value) ? (value.title ?? value.name ?? value.id ?? value) : value);
}

/**
 * What an entry changed: "field: old → new" for each top-level field that differs; "was: <title>"
 * when the thing went (a retraction, a deletion) and "now: <name>" when it came (a new source).
 */
export function auditChanges(before: unknown, after: unknown): string[] {
  if (isRecord(before) && isRecord(after)) {
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !QUIET_FIELDS.has(key));
    return fields.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).map((key) => `${key}: ${shown(before[key])} → ${shown(after[key])}`);
  }
  const lines: string[] = [];
  if (before !== undefined && before !== null) lines.push(`was: ${named(before)}`);
  if (after !== undefined && after !== null) lines.push(`now: ${named(after)}`);
  return lines;
}

/** The entries of a GET /api/audit answer, tolerating anything unexpected. */
export function auditEntries(body: unknown): AuditView[] {
  const entries = isRecord(body) && Array.isArray(body.entries) ? (body.entries as unknown[]) : [];
  return entries.filter(isRecord).map((entry) => ({
    at: text(entry.at),
    actor: text(entry.actor),
    action: text(entry.action),
    target: text(entry.target),
    ...(typeof entry.reason === 'string' ? { reason: entry.reason } : {}),
    changes: auditChanges(entry.before, entry.after),
  }));
}

export class AuditPanel {
  readonly panel: Panel;
  private readonly list: HTMLOListElement;
  private readonly stamp = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

  constructor(
    doc: Document,
    private readonly api: AdminApi,
    private readonly hasKey: () => boolean,
  ) {
    this.panel = new Panel(doc, 'audit', 'Audit log', () => this.load());
    this.list = el(doc, 'ol', 'audit-list');
    this.panel.body.append(this.list);
  }

  private async load(): Promise<void> {
    if (!this.hasKey()) {
      this.list.replaceChildren();
      this.panel.say('Type a key with the admin scope to see the audit log.');
      return;
    }
    try {
      this.draw(auditEntries(await this.api.json('GET', `/api/audit?limit=${TAIL}`)));
    } catch (error) {
      this.list.replaceChildren();
      throw error;
    }
  }

  private draw(entries: readonly AuditView[]): void {
    const doc = this.panel.doc;
    this.list.replaceChildren(
      ...entries.map((entry) => {
        const item = el(doc, 'li', 'audit-entry');
        item.dataset.action = entry.action;
        const head = el(doc, 'p', 'audit-head');
        const time = el(doc, 'time', undefined, Number.isNaN(Date.parse(entry.at)) ? entry.at : this.stamp.format(new Date(entry.at)));
        time.dateTime = entry.at;
        head.append(time, el(doc, 'span', 'actor', entry.actor), el(doc, 'span', 'action', entry.action), el(doc, 'code', 'target', entry.target));
        item.append(head);
        if (entry.reason !== undefined) item.append(el(doc, 'p', 'reason', `Reason: ${entry.reason}`));
        if (entry.changes.length > 0) {
          const changes = el(doc, 'ul', 'audit-changes');
          changes.append(...entry.changes.map((change) => el(doc, 'li', undefined, change)));
          item.append(changes);
        }
        return item;
      }),
    );
    if (entries.length === 0) this.panel.say('Nothing recorded yet.');
  }
}
