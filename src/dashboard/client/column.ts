/**
 * One dashboard column: a channel's headlines, newest on top, at most `max` of them (so a
 * screen can run for days), new arrivals highlighted for a while, and how long since the last.
 */
import type { Headline } from '../../protocol/events.ts';
import { formatAge, headlineDate, type TimeFormatter } from '../../browser/format.ts';
import { renderTime, renderTitle, sourceName } from '../../browser/item.ts';
import { compareStreamIds as compareIds } from '../../protocol/stream-id.ts';

const HIGHLIGHT_MS = 8000;

export class Column {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly age: HTMLElement;
  private readonly ids = new Set<string>();
  private newest: Date | null = null;

  constructor(
    doc: Document,
    readonly channel: string,
    label: string,
    private readonly max: number,
    private readonly staleMs: number,
    private readonly times: TimeFormatter,
    private readonly updatedLabel: string,
  ) {
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
    if (date !== null) meta.append(renderTime(doc, date, this.times));
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
      mark.textContent = this.updatedLabel;
      meta.append(mark);
    }
    item.append(meta, renderTitle(doc, headline, '_blank'));
    return item;
  }

  /** A correction: the headline's new text in place, marked as updated. */
  replace(headline: Headline): void {
    const old = Array.from(this.list.children).find((child) => (child as HTMLElement).dataset.id === headline.id);
    if (old === undefined) return;
    old.replaceWith(this.render(headline));
    this.fit();
  }

  /** A retraction (or a correction that took the headline out of this column's channel). */
  remove(id: string): void {
    const old = Array.from(this.list.children).find((child) => (child as HTMLElement).dataset.id === id);
    if (old === undefined) return;
    old.remove();
    this.ids.delete(id);
    this.fit();
  }

  /** Adds a headline in id order (newest on top); `highlight` for live arrivals. */
  add(headline: Headline, highlight: boolean): void {
    if (this.ids.has(headline.id)) return;
    const item = this.render(headline);
    const date = headlineDate(headline);
    let before: Element | null = null;
    for (const child of Array.from(this.list.children) as HTMLElement[]) {
      if (compareIds(headline.id, child.dataset.id ?? '0-0') > 0) {
        before = child;
        break;
      }
    }
    this.list.insertBefore(item, before);
    this.ids.add(headline.id);
    while (this.list.children.length > this.max) {
      const last = this.list.lastElementChild as HTMLElement | null;
      if (last === null) break;
      this.ids.delete(last.dataset.id ?? '');
      last.remove();
    }
    if (highlight && item.isConnected) {
      item.classList.add('fresh');
      setTimeout(() => item.classList.remove('fresh'), HIGHLIGHT_MS);
    }
    this.fit();
    const received = new Date(headline.receivedAt);
    const when = Number.isNaN(received.getTime()) ? date : received;
    if (when !== null && (this.newest === null || when > this.newest)) this.newest = when;
    this.refresh(new Date());
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
    return this.list.children.length;
  }

  /** Updates "last headline 4 min ago" and the stale warning. */
  refresh(now: Date): void {
    if (this.element.classList.contains('unknown') || this.newest === null) return;
    const ms = now.getTime() - this.newest.getTime();
    const stale = ms > this.staleMs;
    this.element.classList.toggle('stale', stale);
    this.age.textContent = `${stale ? '⚠ No news for' : 'Last headline'} ${formatAge(ms).replace(' ago', stale ? '' : ' ago')}`;
  }
}
