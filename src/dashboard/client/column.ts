/**
 * One dashboard column: a channel's headlines, at most `max` of them (so a screen can run for
 * days), newest published first (a story that arrives late sits among its peers, not on top),
 * a breaking one first for `breakingMs`, corrections and retractions applied, new arrivals
 * highlighted for a while, and how long since the last.
 */
import { arrangeChildren } from '../../browser/arrange.ts';
import { matchesChannel } from '../../protocol/channels.ts';
import { formatAge, headlineDate, type TimeFormatter } from '../../browser/format.ts';
import { HeadlineSet } from '../../browser/headline-set.ts';
import { renderTime, renderTitle, sourceName } from '../../browser/item.ts';
import { UnpinTimer } from '../../browser/unpin-timer.ts';
import type { HeadlineChange, Headline } from '../../protocol/events.ts';

const HIGHLIGHT_MS = 8000;

export interface ColumnSettings {
  /** Items kept. */
  max: number;
  /** Without a headline for this long, the column is marked stale. */
  staleMs: number;
  /** A breaking headline stays first this long. */
  breakingMs: number;
  times: TimeFormatter;
  /** The word shown next to a corrected headline. */
  updatedLabel: string;
}

export class Column {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly age: HTMLElement;
  private readonly kept: HeadlineSet;
  private readonly items = new Map<string, HTMLLIElement>();
  private readonly unpin: UnpinTimer;
  private newest: Date | null = null;

  constructor(
    doc: Document,
    readonly channel: string,
    label: string,
    private readonly settings: ColumnSettings,
  ) {
    this.kept = new HeadlineSet(settings.max, settings.breakingMs, (headline) => matchesChannel(headline, channel));
    this.unpin = new UnpinTimer(this.kept, (now) => this.layout(now));
    this.element = doc.createElement('section');
    this.element.className = 'column';
    this.element.dataset.channel = channel;
    const header = doc.createElement('header');
    const heading = doc.createElement('h2');
    heading.textContent = label;
    const code = doc.createElement('span');
    code.className = 'code';
    code.textContent = channel;
    this.age = doc.createElement('p');
    this.age.className = 'age';
    this.age.textContent = 'No headlines yet';
    header.append(heading, code, this.age);
    this.list = doc.createElement('ol');
    this.list.className = 'items';
    this.list.setAttribute('aria-label', label);
    this.element.append(header, this.list);
    this.element.setAttribute('aria-label', label);
  }

  /** Marks a column whose channel the service does not know (it is left out of the subscription). */
  markUnknown(): void {
    this.element.classList.add('unknown');
    this.age.textContent = 'Unknown channel';
  }

  private render(headline: Headline): HTMLLIElement {
    const doc = this.element.ownerDocument;
    const item = doc.createElement('li');
    item.className = headline.priority === 'breaking' ? 'item breaking' : 'item';
    item.dataset.id = headline.id;
    const meta = doc.createElement('p');
    meta.className = 'meta';
    const date = headlineDate(headline);
    if (date !== null) meta.append(renderTime(doc, date, this.settings.times));
    const name = sourceName(headline);
    if (name !== '') {
      const source = doc.createElement('span');
      source.className = 'source';
      source.dir = 'auto';
      source.textContent = name;
      meta.append(source);
    }
    if ((headline.revision ?? 1) > 1) {
      const mark = doc.createElement('span');
      mark.className = 'updated';
      mark.textContent = this.settings.updatedLabel;
      meta.append(mark);
    }
    item.append(meta, renderTitle(doc, headline, '_blank'));
    this.items.set(headline.id, item);
    return item;
  }

  /** Adds the headlines of this column's channel it does not hold yet; `highlight` for live arrivals. */
  add(headlines: readonly Headline[], highlight: boolean, now = Date.now()): void {
    const { added, dropped } = this.kept.add(headlines, now);
    for (const id of dropped) this.items.delete(id);
    for (const headline of added) {
      const item = this.render(headline);
      if (highlight) {
        item.classList.add('fresh');
        setTimeout(() => item.classList.remove('fresh'), HIGHLIGHT_MS);
      }
      const received = new Date(headline.receivedAt);
      const when = Number.isNaN(received.getTime()) ? headlineDate(headline) : received;
      if (when !== null && (this.newest === null || when > this.newest)) this.newest = when;
    }
    if (added.length === 0 && dropped.length === 0) return;
    this.layout(now);
    this.refresh(new Date(now));
  }

  /**
   * Corrections in place (new text, marked updated) and retractions removed; a correction that
   * moves a headline out of this column's channel takes it out of the column.
   */
  apply(changes: readonly HeadlineChange[], now = Date.now()): void {
    const { removed, updated } = this.kept.apply(changes, now);
    for (const id of removed) this.items.delete(id);
    for (const headline of updated) {
      const old = this.items.get(headline.id);
      const item = this.render(headline);
      if (old?.classList.contains('fresh') === true) item.classList.add('fresh');
      old?.replaceWith(item);
    }
    if (removed.length > 0 || updated.length > 0) this.layout(now);
  }

  /** The kept headlines in order (pinned breaking ones first), dropped and retracted ones out. */
  private layout(now: number): void {
    const wanted: HTMLLIElement[] = [];
    for (const headline of this.kept.ordered(now)) {
      const item = this.items.get(headline.id);
      if (item === undefined) continue;
      item.classList.toggle('pinned', this.kept.isBreaking(headline.id, now));
      wanted.push(item);
    }
    arrangeChildren(this.list, wanted);
    this.fit();
    this.unpin.schedule();
  }

  /** No scrollbars and no half-cut items: what does not fit whole is hidden (re-run on resize). */
  fit(): void {
    const height = this.list.clientHeight;
    for (const child of Array.from(this.list.children) as HTMLElement[]) {
      child.classList.remove('clipped');
      if (child.offsetTop + child.offsetHeight > height) child.classList.add('clipped');
    }
  }

  get size(): number {
    return this.kept.size;
  }

  /** Updates "last headline 4 min ago" and the stale warning. */
  refresh(now: Date): void {
    if (this.element.classList.contains('unknown') || this.newest === null) return;
    const ms = now.getTime() - this.newest.getTime();
    const stale = ms > this.settings.staleMs;
    this.element.classList.toggle('stale', stale);
    this.age.textContent = `${stale ? '⚠ No news for' : 'Last headline'} ${formatAge(ms).replace(' ago', stale ? '' : ' ago')}`;
  }
}
