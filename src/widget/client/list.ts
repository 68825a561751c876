/**
 * The list layout: a vertical "Latest news" list, newest first, with a heading where the day
 * changes and an optional "more" link. New headlines slide in at the top; a reader scrolled
 * down the list keeps the item they were looking at exactly where it was.
 */
import { arrangeChildren } from '../../browser/arrange.ts';
import { headlineDate } from '../../browser/format.ts';
import type { Headline } from '../../protocol/events.ts';
import type { UiStrings } from './strings.ts';
import { el } from './dom.ts';
import type { TickerOptions } from './options.ts';
import { View } from './view.ts';

export class ListView extends View {
  private readonly list: HTMLOListElement;
  private readonly headings = new Map<string, HTMLLIElement>();

  constructor(root: ShadowRoot, options: TickerOptions, strings: UiStrings) {
    super(root, options, strings);
    const doc = root.ownerDocument;
    const header = el(doc, 'div', 'head');
    header.append(this.badge, this.status);
    this.badge.removeAttribute('aria-hidden');
    this.list = el(doc, 'ol', 'items');
    this.list.setAttribute('aria-live', 'off');
    this.list.tabIndex = 0; // scrollable by keyboard
    this.list.setAttribute('aria-label', this.badge.textContent ?? '');
    this.box.append(header, this.list, this.empty);
    if (options.moreUrl !== null) {
      const more = el(doc, 'a', 'more', strings.more);
      more.href = options.moreUrl;
      more.target = options.target;
      more.rel = 'noopener noreferrer';
      this.box.append(more);
    }
    this.box.append(this.announcer);
    root.replaceChildren(this.box);
  }

  pause(): void {
    // Nothing moves in a list.
  }

  play(): void {
    // Nothing moves in a list.
  }

  protected place(added: readonly Headline[], dropped: readonly string[], kind: 'backlog' | 'live'): void {
    for (const id of dropped) this.items.delete(id);
    const fresh = added.map((headline) => this.render(headline));
    this.reorder();
    // Arrivals slide in only where the reader is looking: at the top.
    if (kind === 'live' && this.list.scrollTop === 0) for (const item of fresh) item.classList.add('enter');
  }

  protected removeItem(id: string): void {
    this.items.get(id)?.remove();
    this.items.delete(id);
    this.reorder();
  }

  /** Lays the list out in order with its day headings, moving as few nodes as it can. */
  protected reorder(): void {
    const anchor = this.anchor();
    const wanted: HTMLLIElement[] = [];
    const used = new Set<string>();
    let day: string | undefined;
    for (const headline of this.ordered()) {
      const item = this.items.get(headline.id);
      if (item === undefined) continue;
      const date = headlineDate(headline);
      const key = date === null ? '' : this.itemOptions.times.dayKey(date);
      if (date !== null && key !== day) {
        wanted.push(this.heading(key, date, used));
        day = key;
      }
      wanted.push(item);
    }
    arrangeChildren(this.list, wanted);
    if (anchor !== null && anchor.item.isConnected) this.list.scrollTop = anchor.item.offsetTop - anchor.offset;
  }

  /** The first item in view and how far below the top it stands, when the reader has scrolled. */
  private anchor(): { item: HTMLElement; offset: number } | null {
    const top = this.list.scrollTop;
    if (top <= 0) return null;
    // Items only: a day heading sticks to the top while scrolled, so it cannot mark a place.
    for (const child of Array.from(this.list.querySelectorAll<HTMLElement>(':scope > .item'))) {
      if (child.offsetTop + child.offsetHeight > top) return { item: child, offset: child.offsetTop - top };
    }
    return null;
  }

  private heading(key: string, date: Date, used: Set<string>): HTMLLIElement {
    let heading = this.headings.get(key);
    // A day that shows twice (a pinned breaking headline above it) needs a second heading.
    if (heading === undefined || used.has(key)) {
      heading = el(this.root.ownerDocument, 'li', 'day', this.itemOptions.times.day(date));
      heading.setAttribute('role', 'presentation');
      if (!used.has(key)) this.headings.set(key, heading);
    }
    used.add(key);
    return heading;
  }
}
