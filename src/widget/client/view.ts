/**
 * What both layouts share: the frame (badge, connection status, empty and refused states, the
 * live region), the feed, and the kept headlines with corrections, retractions and breaking
 * news applied. A layout supplies where items go (`place`) and how the order is shown (`reorder`).
 */
import { openFeed, type Feed, type FeedStatus } from '../../browser/feed.ts';
import { createTimeFormatter } from '../../browser/format.ts';
import { HeadlineSet } from '../../browser/headline-set.ts';
import { renderItem, type ItemOptions } from '../../browser/item.ts';
import { UnpinTimer } from '../../browser/unpin-timer.ts';
import { matchesChannel } from '../../protocol/channels.ts';
import type { HeadlineChange, Headline } from '../../protocol/events.ts';
import type { UiStrings } from './strings.ts';
import { RTL_LANGS } from './strings.ts';
import { el } from './dom.ts';
import { channelBadge } from './i18n.ts';
import type { TickerOptions } from './options.ts';
import { applyStyles } from './styles.ts';

export abstract class View {
  protected readonly box: HTMLDivElement;
  protected readonly badge: HTMLDivElement;
  protected readonly empty: HTMLDivElement;
  protected readonly status: HTMLSpanElement;
  protected readonly announcer: HTMLDivElement;
  protected readonly kept: HeadlineSet;
  protected readonly items = new Map<string, HTMLLIElement>();
  protected readonly itemOptions: ItemOptions;
  protected readonly rtl: boolean;
  protected readonly cleanups: (() => void)[] = [];
  private feed: Feed | undefined;
  private readonly unpin: UnpinTimer;
  private refused = false;

  constructor(
    protected readonly root: ShadowRoot,
    protected readonly options: TickerOptions,
    protected readonly strings: UiStrings,
  ) {
    const doc = root.ownerDocument;
    applyStyles(root);
    const label = options.label ?? channelBadge(options.channels, strings, options.lang);
    this.box = el(doc, 'div', `nt ${options.theme} ${options.layout}`);
    this.box.setAttribute('role', 'region');
    this.box.setAttribute('aria-label', label);
    this.box.lang = options.lang;
    // An Arabic or Persian ticker runs right to left; otherwise the ticker follows the host page
    // (on an RTL page it crawls rightwards). Each headline still sets its own direction (dir=auto).
    this.rtl = RTL_LANGS.has(options.lang) || getComputedStyle(root.host).direction === 'rtl';
    this.box.dir = this.rtl ? 'rtl' : 'ltr';
    this.badge = el(doc, 'div', 'badge', label);
    this.badge.setAttribute('aria-hidden', 'true');
    this.badge.title = label;
    this.empty = el(doc, 'div', 'empty', strings.waiting);
    this.status = el(doc, 'span', 'status');
    this.status.hidden = true;
    this.announcer = el(doc, 'div', 'sr-only');
    this.announcer.setAttribute('aria-live', 'polite');
    const accepts = (headline: Headline): boolean => options.channels.some((channel) => matchesChannel(headline, channel));
    this.kept = new HeadlineSet(options.max, options.breakingMinutes * 60_000, accepts);
    this.unpin = new UnpinTimer(this.kept, (now) => {
      for (const [id, item] of this.items) item.classList.toggle('pinned', this.kept.isBreaking(id, now));
      this.reorder();
    });
    this.itemOptions = {
      showSource: options.showSource,
      showTime: options.showTime,
      target: options.target,
      times: createTimeFormatter({ locale: options.lang, timeZone: options.timeZone ?? undefined, format: options.timeFormat }),
      updated: strings.updated,
    };
  }

  start(): void {
    this.feed ??= openFeed({
      server: this.options.server,
      channels: this.options.channels,
      limit: this.options.max,
      onHeadlines: (headlines, kind) => this.receive(headlines, kind),
      onChanges: (changes) => this.receiveChanges(changes),
      onStatus: (status, detail) => this.showStatus(status, detail),
    });
  }

  destroy(): void {
    this.feed?.close();
    this.unpin.stop();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.root.replaceChildren();
  }

  abstract pause(): void;
  abstract play(): void;

  /** Puts newly kept headlines in view and takes the dropped ones out. */
  protected abstract place(added: readonly Headline[], dropped: readonly string[], kind: 'backlog' | 'live'): void;
  /** Shows the kept headlines' current order (a breaking one stopped being first). */
  protected abstract reorder(): void;
  /** Takes a headline's element out of view (retracted). */
  protected abstract removeItem(id: string): void;

  /** A corrected headline's element took the place of its old one. */
  protected replaced(_old: HTMLLIElement, _item: HTMLLIElement): void {
    // Layouts that hold on to an element override this.
  }

  /** A kept headline was corrected to breaking: it is to be shown first now. */
  protected promote(_item: HTMLLIElement): void {
    // The list shows it first through reorder(); the crawl overrides this.
  }

  protected listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    target.addEventListener(type, handler);
    this.cleanups.push(() => target.removeEventListener(type, handler));
  }

  protected render(headline: Headline): HTMLLIElement {
    const item = renderItem(this.root.ownerDocument, headline, this.itemOptions);
    if (this.kept.isBreaking(headline.id, Date.now())) item.classList.add('pinned');
    this.items.set(headline.id, item);
    return item;
  }

  /** Headlines in the order they are shown (breaking first, then newest published first). */
  protected ordered(): Headline[] {
    return this.kept.ordered(Date.now());
  }

  private receive(headlines: readonly Headline[], kind: 'backlog' | 'live'): void {
    const { added, dropped } = this.kept.add(headlines, Date.now());
    if (added.length === 0 && dropped.length === 0) return;
    this.place(added, dropped, kind);
    this.updateEmpty();
    if (kind === 'live') this.announce(added);
    this.unpin.schedule();
  }

  private receiveChanges(changes: readonly HeadlineChange[]): void {
    const now = Date.now();
    const wasBreaking = new Set(changes.map((c) => c.headline.id).filter((id) => this.kept.isBreaking(id, now)));
    const { removed, updated } = this.kept.apply(changes, now);
    for (const id of removed) {
      this.removeItem(id);
      this.items.delete(id);
    }
    for (const headline of updated) {
      const old = this.items.get(headline.id);
      if (old === undefined) continue;
      const item = this.render(headline);
      old.replaceWith(item);
      this.replaced(old, item);
      if (!wasBreaking.has(headline.id) && this.kept.isBreaking(headline.id, now)) this.promote(item);
    }
    this.announce(updated.filter((h) => !wasBreaking.has(h.id)));
    if (updated.length > 0) this.reorder();
    this.updateEmpty();
    this.unpin.schedule();
  }

  /** Breaking headlines are always announced; the others only when `announce` is set. */
  private announce(headlines: readonly Headline[]): void {
    const now = Date.now();
    const breaking = headlines.filter((h) => this.kept.isBreaking(h.id, now));
    const newest = breaking[breaking.length - 1] ?? (this.options.announce ? headlines[headlines.length - 1] : undefined);
    if (newest === undefined) return;
    this.announcer.textContent = this.kept.isBreaking(newest.id, now) ? `${this.strings.breaking}: ${newest.title}` : newest.title;
  }

  private updateEmpty(): void {
    this.empty.hidden = !this.refused && this.kept.size > 0;
  }

  private showStatus(status: FeedStatus, detail?: string): void {
    this.box.dataset.state = status; // exposed for monitoring scripts and the browser tests
    this.box.classList.toggle('offline', status === 'reconnecting' || status === 'failed' || status === 'refused');
    this.status.hidden = status === 'live' || status === 'connecting' || status === 'refused';
    this.status.textContent = status === 'failed' ? this.strings.unavailable : this.strings.reconnecting;
    this.status.title = detail ?? '';
    if (status === 'refused') {
      // Nothing will come: say why in the place headlines would be.
      this.refused = true;
      this.empty.textContent = this.strings.notEnabled;
      this.empty.classList.add('refused');
      this.updateEmpty();
    }
  }
}
