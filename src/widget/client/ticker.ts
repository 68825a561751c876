/**
 * The ticker inside a shadow root: builds the DOM, keeps at most `max` headlines, drives the
 * crawl (or, under prefers-reduced-motion, one headline at a time) and pauses for hover,
 * keyboard focus, the pause button, a hidden tab and being scrolled out of view.
 */
import type { WireHeadline } from '../../protocol/events.ts';
import { Crawl } from './crawl.ts';
import { el, iconButton, ICONS, setButton } from './dom.ts';
import { openFeed, type Feed, type FeedStatus } from '../../browser/feed.ts';
import { renderItem } from '../../browser/item.ts';
import type { TickerOptions } from './options.ts';
import { applyStyles } from './styles.ts';

type PauseReason = 'user' | 'hover' | 'focus' | 'hidden' | 'offscreen';
/** Under reduced motion a headline stays put this long before the next one replaces it. */
const STILL_ROTATE_MS = 12_000;

export class Ticker {
  private readonly box: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly track: HTMLUListElement;
  private readonly empty: HTMLDivElement;
  private readonly status: HTMLSpanElement;
  private readonly toggle: HTMLButtonElement;
  private readonly announcer: HTMLDivElement;
  private readonly crawl: Crawl;
  /** Kept headlines, oldest first; elements of dropped ones leave the DOM when out of view. */
  private readonly kept = new Map<string, HTMLLIElement>();
  private readonly pauses = new Set<PauseReason>();
  private readonly cleanups: (() => void)[] = [];
  private still = false;
  private current: HTMLElement | null = null;
  private rotateTimer: ReturnType<typeof setInterval> | undefined;
  private feed: Feed | undefined;

  constructor(
    private readonly root: ShadowRoot,
    private readonly options: TickerOptions,
  ) {
    const doc = root.ownerDocument;
    applyStyles(root);
    this.box = el(doc, 'div', `nt ${options.theme}`);
    this.box.setAttribute('role', 'region');
    this.box.setAttribute('aria-label', options.label);
    // The ticker follows the host page's direction (on an RTL page it crawls rightwards, so an
    // Arabic headline's first word enters first); each headline still sets its own (dir=auto).
    const rtl = getComputedStyle(root.host).direction === 'rtl';
    this.box.dir = rtl ? 'rtl' : 'ltr';
    const badge = el(doc, 'div', 'badge', options.label);
    badge.setAttribute('aria-hidden', 'true');
    this.viewport = el(doc, 'div', 'viewport');
    this.track = el(doc, 'ul', 'track');
    this.track.setAttribute('aria-live', 'off');
    this.empty = el(doc, 'div', 'empty', 'Waiting for headlines…');
    this.viewport.append(this.track, this.empty);
    this.status = el(doc, 'span', 'status');
    this.status.hidden = true;
    const prev = iconButton(doc, 'step prev', 'Previous headline', ICONS.prev);
    this.toggle = iconButton(doc, 'toggle', 'Pause headlines', ICONS.pause);
    const next = iconButton(doc, 'step next', 'Next headline', ICONS.next);
    const controls = el(doc, 'div', 'controls');
    controls.append(this.status, prev, this.toggle, next);
    this.announcer = el(doc, 'div', 'sr-only');
    if (options.announce) this.announcer.setAttribute('aria-live', 'polite');
    this.box.append(badge, this.viewport, controls, this.announcer);
    root.replaceChildren(this.box);

    this.crawl = new Crawl(this.viewport, this.track, options.speed, (item) => !this.isKept(item), rtl);

    this.toggle.addEventListener('click', () => this.setPaused('user', !this.pauses.has('user')));
    prev.addEventListener('click', () => this.step(-1));
    next.addEventListener('click', () => this.step(1));
    this.listen(this.viewport, 'pointerenter', () => this.setPaused('hover', true));
    this.listen(this.viewport, 'pointerleave', () => this.setPaused('hover', false));
    // Focus on a headline link pauses; focus on the buttons must not, or "Play" could not resume.
    this.listen(this.track, 'focusin', (event) => {
      this.setPaused('focus', true);
      const item = event.target instanceof Element ? event.target.closest<HTMLElement>('.item') : null;
      if (item !== null && !this.still) this.crawl.reveal(item);
    });
    this.listen(this.track, 'focusout', () => this.setPaused('focus', false));
    this.listen(doc, 'visibilitychange', () => this.setPaused('hidden', doc.hidden));
    this.pauses.clear();
    if (doc.hidden) this.pauses.add('hidden');

    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.listen(motion, 'change', () => this.setStill(motion.matches));
    if ('IntersectionObserver' in window) {
      const seen = new IntersectionObserver((entries) => {
        for (const entry of entries) this.setPaused('offscreen', !entry.isIntersecting);
      });
      seen.observe(this.box);
      this.cleanups.push(() => seen.disconnect());
    }
    if ('ResizeObserver' in window) {
      const resized = new ResizeObserver(() => this.crawl.fitSpacer(true));
      resized.observe(this.viewport);
      this.cleanups.push(() => resized.disconnect());
    }
    this.setStill(motion.matches);
  }

  start(): void {
    this.feed ??= openFeed({
      server: this.options.server,
      channels: this.options.channels,
      limit: this.options.max,
      onHeadlines: (headlines, kind) => this.add(headlines, kind),
      onStatus: (status, detail) => this.showStatus(status, detail),
    });
  }

  destroy(): void {
    this.feed?.close();
    this.crawl.stop();
    clearInterval(this.rotateTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.root.replaceChildren();
  }

  pause(): void {
    this.setPaused('user', true);
  }

  play(): void {
    this.setPaused('user', false);
  }

  /** New headlines in id order: they enter out of view (or next, under reduced motion). */
  add(headlines: readonly WireHeadline[], kind: 'backlog' | 'live'): void {
    const doc = this.root.ownerDocument;
    const fresh: HTMLLIElement[] = [];
    for (const headline of headlines) {
      if (this.kept.has(headline.id)) continue;
      const item = renderItem(doc, headline, this.options);
      this.kept.set(headline.id, item);
      fresh.push(item);
    }
    if (fresh.length === 0) return;
    const firstFill = this.track.querySelector('.item') === null;
    if (firstFill) {
      // The first batch starts in view, newest at the left.
      for (const item of fresh.reverse()) this.track.insertBefore(item, this.crawl.spacer);
      this.crawl.reset();
    } else if (this.still) {
      for (const item of fresh) this.track.insertBefore(item, this.current?.nextSibling ?? null);
    } else {
      for (const item of fresh) this.crawl.insert(item);
    }
    this.empty.hidden = true;
    if (this.still && this.current === null) this.show(this.firstItem());
    this.prune();
    const newest = headlines[headlines.length - 1];
    if (kind === 'live' && this.options.announce && newest !== undefined) this.announcer.textContent = newest.title;
  }

  private listen(target: EventTarget, type: string, handler: (event: Event) => void): void {
    target.addEventListener(type, handler);
    this.cleanups.push(() => target.removeEventListener(type, handler));
  }

  private isKept(item: Element): boolean {
    const id = (item as HTMLElement).dataset.id;
    return id !== undefined && this.kept.get(id) === item;
  }

  /** Drops the oldest beyond `max`; an element still in view leaves when it scrolls out. */
  private prune(): void {
    for (const [id, item] of this.kept) {
      if (this.kept.size <= this.options.max) break;
      this.kept.delete(id);
      if (this.still ? item !== this.current : this.crawl.isAhead(item)) item.remove();
    }
  }

  private setPaused(reason: PauseReason, paused: boolean): void {
    if (paused) this.pauses.add(reason);
    else this.pauses.delete(reason);
    const user = this.pauses.has('user');
    setButton(this.toggle, user ? 'Play headlines' : 'Pause headlines', user ? ICONS.play : ICONS.pause);
    this.toggle.setAttribute('aria-pressed', String(user));
    this.updateMotion();
  }

  private updateMotion(): void {
    const moving = this.pauses.size === 0;
    if (this.still) {
      this.crawl.stop();
      if (moving && this.rotateTimer === undefined) this.rotateTimer = setInterval(() => this.step(1), STILL_ROTATE_MS);
      if (!moving) {
        clearInterval(this.rotateTimer);
        this.rotateTimer = undefined;
      }
    } else if (moving) this.crawl.start();
    else this.crawl.stop();
  }

  private setStill(still: boolean): void {
    this.still = still;
    this.box.classList.toggle('still', still);
    clearInterval(this.rotateTimer);
    this.rotateTimer = undefined;
    this.crawl.stop();
    this.crawl.reset();
    for (const item of Array.from(this.track.children)) if (!this.isKept(item) && item !== this.crawl.spacer) item.remove();
    this.show(still ? this.firstItem() : null);
    this.updateMotion();
  }

  private firstItem(): HTMLElement | null {
    return this.track.querySelector<HTMLElement>('.item');
  }

  private show(item: HTMLElement | null): void {
    this.current?.classList.remove('current');
    this.current = item;
    item?.classList.add('current');
  }

  /** Under reduced motion: the next or previous headline, wrapping; dropped ones leave here. */
  private step(direction: 1 | -1): void {
    const items = Array.from(this.track.querySelectorAll<HTMLElement>('.item'));
    if (items.length === 0) return;
    const at = this.current === null ? -1 : items.indexOf(this.current);
    const leaving = this.current;
    let target = items[(at + direction + items.length) % items.length] ?? null;
    if (leaving !== null && !this.isKept(leaving)) {
      leaving.remove();
      if (target === leaving) target = this.firstItem();
    }
    this.show(target);
  }

  private showStatus(status: FeedStatus, detail?: string): void {
    this.box.dataset.state = status; // exposed for monitoring scripts and the browser tests
    this.box.classList.toggle('offline', status === 'reconnecting' || status === 'failed');
    this.status.hidden = status === 'live' || status === 'connecting';
    this.status.textContent = status === 'failed' ? 'Unavailable' : 'Reconnecting…';
    this.status.title = detail ?? '';
  }
}
