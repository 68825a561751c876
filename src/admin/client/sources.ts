/**
 * The sources table (GET /api/sources: status, last error, items, interval) and what an admin
 * does to sources: add, edit, pause / resume, poll now, delete, OPML import and export. The
 * table reloads every few seconds, so a new source's first poll and a failure show up by
 * themselves.
 */
import { el } from '../../browser/dom.ts';
import type { AdminApi } from './api.ts';
import { button } from './forms.ts';
import type { Notices } from './notices.ts';
import { OpmlTools } from './opml.ts';
import { Panel } from './panel.ts';
import { sourceForm, type SourceDraft } from './source-form.ts';
import { sourceRows, type SourceRow } from './source-rows.ts';
import { isRecord } from './guards.ts';

const REFRESH_MS = 5000;


export class SourcesPanel {
  readonly panel: Panel;
  private readonly formSlot: HTMLElement;
  private readonly table: HTMLTableSectionElement;
  private readonly stamp = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
  /** The rows as last drawn (JSON). */
  private drawn = '';
  /** Sources whose Delete was clicked and awaits its confirmation (kept across reloads). */
  private readonly confirming = new Set<string>();

  constructor(
    doc: Document,
    private readonly api: AdminApi,
    private readonly notices: Notices,
    private readonly onChanged: () => void,
  ) {
    this.panel = new Panel(doc, 'sources', 'Sources', () => this.load());
    const add = button(doc, 'add-source primary', 'Add source');
    add.addEventListener('click', () => this.openForm(undefined));
    const opml = new OpmlTools(doc, api, notices, () => this.changed());
    this.panel.toolbar.append(add, ...opml.elements);
    this.formSlot = el(doc, 'div', 'form-slot');
    const table = el(doc, 'table', 'sources-table');
    const caption = el(doc, 'caption', 'visually-hidden', 'Sources, their health and actions');
    const head = el(doc, 'thead');
    const headings = el(doc, 'tr');
    for (const label of ['Source', 'Status', 'Last error', 'Items', 'Interval', 'Last fetch', 'Actions']) {
      const cell = el(doc, 'th', undefined, label);
      cell.scope = 'col';
      headings.append(cell);
    }
    head.append(headings);
    this.table = el(doc, 'tbody');
    table.append(caption, head, this.table);
    const scroller = el(doc, 'div', 'table-scroller');
    scroller.append(table);
    this.panel.body.append(this.formSlot, scroller);
    setInterval(() => {
      if (doc.visibilityState === 'visible') void this.panel.refresh();
    }, REFRESH_MS);
  }

  private async load(): Promise<void> {
    const rows = sourceRows(await this.api.json('GET', '/api/sources'));
    if (rows.length === 0) this.panel.say('No sources yet: add one, or import an OPML file.');
    // Redrawn only when something changed, so a periodic reload does not take the keyboard focus away.
    const drawn = JSON.stringify(rows);
    if (drawn === this.drawn) return;
    this.drawn = drawn;
    this.table.replaceChildren(...rows.map((row) => this.renderRow(row)));
  }

  private redraw(): void {
    this.drawn = '';
    void this.panel.refresh();
  }

  private changed(): void {
    this.redraw();
    this.onChanged();
  }

  private cell(label: string, ...content: (Node | string)[]): HTMLTableCellElement {
    const cell = el(this.panel.doc, 'td');
    // The column's name, shown before the value when the table is laid out as cards (phones).
    cell.dataset.label = label;
    const value = el(this.panel.doc, 'div', 'value');
    value.append(...content);
    cell.append(value);
    return cell;
  }

  private renderRow(row: SourceRow): HTMLTableRowElement {
    const doc = this.panel.doc;
    const tr = el(doc, 'tr', `source status-${row.status}${row.paused ? ' paused' : ''}`);
    tr.dataset.id = row.id;
    const name = el(doc, 'div', 'source-name', row.name);
    const id = el(doc, 'code', 'source-id', row.id);
    const url = el(doc, 'div', 'source-url', `${row.type} · ${row.url}`);
    const status = el(doc, 'span', `status ${row.status}`, row.status);
    const failures = row.consecutiveFailures > 0 ? ` (${row.consecutiveFailures} in a row)` : '';
    const error = row.lastError === null ? '—' : `${row.lastError.code}: ${row.lastError.message}${failures}`;
    const fetched = row.lastFetchAt === null ? 'never' : this.stamp.format(new Date(row.lastFetchAt));
    tr.append(
      this.cell('Source', name, id, url),
      this.cell('Status', status),
      this.cell('Last error', el(doc, 'span', 'last-error', error)),
      this.cell('Items', el(doc, 'span', 'items', String(row.itemsIngested))),
      this.cell('Interval', el(doc, 'span', 'interval', interval(row.intervalSeconds))),
      this.cell('Last fetch', fetched),
      this.cell('Actions', this.actions(row, tr)),
    );
    return tr;
  }

  private actions(row: SourceRow, tr: HTMLTableRowElement): HTMLElement {
    const doc = this.panel.doc;
    const bar = el(doc, 'div', 'actions');
    const edit = button(doc, 'edit', 'Edit');
    const pause = button(doc, 'pause', row.paused ? 'Resume' : 'Pause');
    pause.setAttribute('aria-pressed', String(row.paused));
    const poll = button(doc, 'poll-now', 'Poll now');
    const remove = button(doc, 'delete danger', 'Delete');
    const label = `${row.name} (${row.id})`;
    for (const [control, verb] of [[edit, 'Edit'], [pause, row.paused ? 'Resume' : 'Pause'], [poll, 'Poll now'], [remove, 'Delete']] as const) {
      control.setAttribute('aria-label', `${verb} ${label}`);
    }
    const path = `/api/sources/${encodeURIComponent(row.id)}`;
    edit.addEventListener('click', () => void this.edit(row.id));
    pause.addEventListener('click', () =>
      void this.act(row.paused ? `Resume ${row.id}` : `Pause ${row.id}`, () => this.api.json('PATCH', path, { json: { paused: !row.paused } })),
    );
    poll.addEventListener('click', () => void this.act(`Poll ${row.id} now`, () => this.api.json('POST', `${path}/poll`)));
    remove.addEventListener('click', () => {
      this.confirming.add(row.id);
      tr.replaceWith(this.renderRow(row));
    });
    if (this.confirming.has(row.id)) {
      const confirm = button(doc, 'confirm-delete danger', `Delete ${row.id} for good`);
      const keep = button(doc, 'cancel', 'Keep it');
      keep.addEventListener('click', () => {
        this.confirming.delete(row.id);
        tr.replaceWith(this.renderRow(row));
      });
      confirm.addEventListener('click', () => {
        this.confirming.delete(row.id);
        void this.act(`Delete ${row.id}`, () => this.api.json('DELETE', path));
      });
      bar.append(confirm, keep);
      return bar;
    }
    bar.append(edit, pause, poll, remove);
    return bar;
  }

  private async act(what: string, call: () => Promise<unknown>): Promise<void> {
    const ok = await this.notices.attempt(what, async () => {
      await call();
    });
    if (ok) this.notices.success(`${what}: done.`);
    this.changed();
  }

  private async edit(id: string): Promise<void> {
    await this.notices.attempt(`Edit ${id}`, async () => {
      const body = await this.api.json('GET', `/api/sources/${encodeURIComponent(id)}`);
      const stored = isRecord(body) && isRecord(body.source) ? body.source : isRecord(body) ? body : {};
      this.openForm(stored);
    });
  }

  private openForm(stored: SourceDraft | undefined): void {
    const doc = this.panel.doc;
    const close = (): void => this.formSlot.replaceChildren();
    const submit = (draft: SourceDraft): Promise<boolean> => {
      const id = typeof draft.id === 'string' ? draft.id : '';
      const what = stored === undefined ? `Add source ${id}` : `Save source ${id}`;
      return this.notices.attempt(what, async () => {
        if (stored === undefined) await this.api.json('POST', '/api/sources', { json: draft });
        else await this.api.json('PUT', `/api/sources/${encodeURIComponent(id)}`, { json: draft });
        this.notices.success(`${what}: done.`);
        close();
        this.changed();
      });
    };
    const form = sourceForm(doc, stored, submit, close);
    this.formSlot.replaceChildren(form);
    form.querySelector<HTMLInputElement>(stored === undefined ? 'input[name="id"]' : 'input[name="name"]')?.focus();
  }
}

/** "30 s", "5 min", "2 h", "1 h 30 min". */
export function interval(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
