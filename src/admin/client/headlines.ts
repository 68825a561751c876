/**
 * Recent headlines, live: the backlog of every channel (`*\/*`) and whatever arrives after it,
 * newest stored first, with corrections and retractions applied as the streams carry them (so
 * what the editor sees is what readers' tickers show), and a text filter over all of it.
 */
import { el } from '../../browser/dom.ts';
import { openFeed, type FeedStatus } from '../../browser/feed.ts';
import { createTimeFormatter } from '../../browser/format.ts';
import { toHeadline } from '../../browser/safety.ts';
import type { HeadlineChange, Headline } from '../../protocol/events.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import type { AdminApi } from './api.ts';
import { HeadlineRow, type HeadlineActions, type HeadlinePatch } from './headline-row.ts';
import type { Notices } from './notices.ts';

/** Kept in the page; the oldest leave the list past this. */
const MAX_HEADLINES = 300;

export class HeadlinesPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly filter: HTMLInputElement;
  private readonly count: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly rows = new Map<string, HeadlineRow>();
  private readonly times = createTimeFormatter({ format: 'auto' });
  private readonly actions: HeadlineActions;

  constructor(
    doc: Document,
    private readonly api: AdminApi,
    private readonly notices: Notices,
    /** After a successful edit (the audit tail has something new). */
    private readonly onEdited: () => void,
  ) {
    this.element = el(doc, 'section', 'panel headlines');
    this.element.id = 'headlines';
    this.element.setAttribute('aria-labelledby', 'headlines-title');
    const heading = el(doc, 'h2', undefined, 'Recent headlines');
    heading.id = 'headlines-title';
    this.connection = el(doc, 'span', 'connection connecting', 'Connecting…');
    this.connection.setAttribute('role', 'status');
    const head = el(doc, 'div', 'panel-head');
    head.append(heading, this.connection);
    const filterLabel = el(doc, 'label', 'filter');
    this.filter = el(doc, 'input');
    this.filter.type = 'search';
    this.filter.name = 'filter';
    this.filter.placeholder = 'Filter: words, source, topic, region';
    filterLabel.append(el(doc, 'span', 'visually-hidden', 'Filter headlines'), this.filter);
    this.count = el(doc, 'p', 'count');
    this.count.setAttribute('aria-live', 'polite');
    const tools = el(doc, 'div', 'toolbar');
    tools.append(filterLabel, this.count);
    this.list = el(doc, 'ol', 'headline-list');
    this.element.append(head, tools, this.list);
    this.filter.addEventListener('input', () => this.applyFilter());
    this.actions = {
      correct: (id, patch) => this.correct(id, patch),
      retract: (id, reason) => this.retract(id, reason),
      unchanged: () => this.notices.success('Nothing to save: the correction changes nothing.'),
    };
    this.applyFilter();
  }

  start(): void {
    openFeed({
      server: location.origin,
      channels: ['*/*'],
      limit: 200,
      onHeadlines: (headlines) => this.add(headlines),
      onChanges: (changes) => this.applyChanges(changes),
      onStatus: (status, detail) => this.setStatus(status, detail),
    });
  }

  private setStatus(status: FeedStatus, detail?: string): void {
    const text: Record<FeedStatus, string> = {
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting…',
      failed: `Live updates unavailable${detail === undefined ? '' : `: ${detail}`}`,
      refused: 'Live updates refused for this origin',
    };
    this.connection.className = `connection ${status}`;
    this.connection.textContent = text[status];
  }

  private add(headlines: readonly Headline[]): void {
    for (const headline of headlines) {
      if (this.rows.has(headline.id)) continue;
      const row = new HeadlineRow(headline, this.times, this.actions);
      this.rows.set(headline.id, row);
      this.insert(row);
    }
    const excess = [...this.rows.keys()].sort(compareStreamIds).slice(0, Math.max(0, this.rows.size - MAX_HEADLINES));
    for (const id of excess) this.remove(id);
    this.applyFilter();
  }

  /** Newest stored first: before the first row with a smaller id. */
  private insert(row: HeadlineRow): void {
    const before = Array.from(this.list.children).find((node) => compareStreamIds((node as HTMLElement).dataset.id ?? '0-0', row.id) < 0);
    this.list.insertBefore(row.element, before ?? null);
  }

  private remove(id: string): void {
    this.rows.get(id)?.element.remove();
    this.rows.delete(id);
  }

  private applyChanges(changes: readonly HeadlineChange[]): void {
    for (const change of changes) {
      if (change.type === 'retract') this.remove(change.headline.id);
      else this.rows.get(change.headline.id)?.update(change.headline);
    }
    this.applyFilter();
  }

  private applyFilter(): void {
    const words = this.filter.value.toLowerCase().split(/\s+/).filter((word) => word !== '');
    let shown = 0;
    for (const row of this.rows.values()) {
      const text = row.searchText;
      const visible = words.every((word) => text.includes(word));
      row.element.hidden = !visible;
      if (visible) shown += 1;
    }
    this.count.textContent = words.length === 0 ? `${this.rows.size} headlines` : `${shown} of ${this.rows.size} headlines match`;
  }

  private async correct(id: string, patch: HeadlinePatch): Promise<boolean> {
    const what = patch.priority === undefined ? 'Correct headline' : patch.priority === 'breaking' ? 'Flag as breaking' : 'Remove breaking flag';
    return this.notices.attempt(what, async () => {
      const body = await this.api.json('PATCH', `/api/headlines/${encodeURIComponent(id)}`, { json: patch });
      // The answer is the headline as it now stands; the feed brings the same change a moment later.
      const headline = toHeadline(typeof body === 'object' && body !== null ? (body as { headline?: unknown }).headline : undefined);
      if (headline !== null) this.rows.get(id)?.update(headline);
      this.notices.success(`${what}: done (${id}).`);
      this.onEdited();
    });
  }

  private async retract(id: string, reason: string): Promise<boolean> {
    return this.notices.attempt('Retract headline', async () => {
      await this.api.json('DELETE', `/api/headlines/${encodeURIComponent(id)}`, { json: { reason } });
      this.remove(id);
      this.applyFilter();
      this.notices.success(`Retracted ${id}.`);
      this.onEdited();
    });
  }
}
