/**
 * The crawl layout: a horizontal ticker that moves its headlines (or, under
 * prefers-reduced-motion, shows one at a time) and pauses for hover, keyboard focus, the pause
 * button, a hidden tab and being scrolled out of view.
 */
import type { Headline } from '../../protocol/events.ts';
import type { UiStrings } from './strings.ts';
import { Crawl } from './crawl.ts';
import { el, iconButton, ICONS, setButton } from './dom.ts';
import type { TickerOptions } from './options.ts';
import { View } from './view.ts';

type PauseReason = 'user' | 'hover' | 'focus' | 'hidden' | 'offscreen';
/** Under reduced motion a headline stays put this long before the next one replaces it. */
const STILL_ROTATE_MS = 12_000;

export class Ticker extends View {
  private readonly viewport: HTMLDivElement;
  private readonly track: HTMLUListElement;
  private readonly toggle: HTMLButtonElement;
  private readonly crawl: Crawl;
  private readonly pauses = new Set<PauseReason>();
  private still = false;
  private current: HTMLElement | null = null;
  private rotateTimer: ReturnType<typeof setInterval> | undefined;

  constructor(root: ShadowRoot, options: TickerOptions, strings: UiStrings) {
    super(root, options, strings);
    const doc = root.ownerDocument;
    this.viewport = el(doc, 'div', 'viewport');
    this.track = el(doc, 'ul', 'track');
    this.track.setAttribute('aria-live', 'off');
    this.viewport.append(this.track, this.empty);
    const prev = iconButton(doc, 'step prev', strings.previous, this.rtl ? ICONS.next : ICONS.prev);
    this.toggle = iconButton(doc, 'toggle', strings.pause, ICONS.pause);
    const next = iconButton(doc, 'step next', strings.next, this.rtl ? ICONS.prev : ICONS.next);
    const controls = el(doc, 'div', 'controls');
    controls.append(this.status, prev, this.toggle, next);
    this.box.append(this.badge, this.viewport, controls, this.announcer);
    root.replaceChildren(this.box);

    this.crawl = new Crawl(this.viewport, this.track, options.speed, (item) => !this.isKept(item), this.rtl);

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

  override destroy(): void {
    this.crawl.stop();
    clearInterval(this.rotateTimer);
    super.destroy();
  }

  pause(): void {
    this.setPaused('user', true);
  }

  play(): void {
    this.setPaused('user', false);
  }

  /** New headlines enter out of view (or next, under reduced motion); the first batch starts in view. */
  protected place(added: readonly Headline[], dropped: readonly string[]): void {
    const rank = new Map(this.ordered().map((headline, i) => [headline.id, i]));
    const fresh = [...added].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0)).map((headline) => this.render(headline));
    if (this.track.querySelector('.item') === null) {
      for (const item of fresh) this.track.insertBefore(item, this.crawl.spacer);
      this.crawl.reset();
    } else if (this.still) {
      for (const item of fresh.reverse()) this.track.insertBefore(item, this.current?.nextSibling ?? null);
    } else {
      for (const item of fresh) this.crawl.insert(item);
    }
    if (this.still && this.current === null) this.show(this.firstItem());
    // A dropped item still in view leaves when it scrolls out (or is stepped away from).
    for (const id of dropped) {
      const item = this.items.get(id);
      this.items.delete(id);
      if (item !== undefined && (this.still ? item !== this.current : this.crawl.isAhead(item))) item.remove();
    }
  }

  protected reorder(): void {
    // The crawl keeps its order: a breaking headline was placed where it enters next.
  }

  protected removeItem(id: string): void {
    const item = this.items.get(id);
    if (item === undefined) return;
    if (item === this.current) this.step(1);
    item.remove();
    if (this.current === item) this.show(this.firstItem());
    this.crawl.fitSpacer(true);
  }

  protected override replaced(old: HTMLLIElement, item: HTMLLIElement): void {
    if (this.current === old) this.show(item);
  }

  /** Corrected to breaking: it enters next, as a new headline would; one in view stays where it is. */
  protected override promote(item: HTMLLIElement): void {
    if (this.still) {
      if (item !== this.current) this.track.insertBefore(item, this.current?.nextSibling ?? null);
    } else if (this.crawl.isAhead(item)) {
      item.remove();
      this.crawl.insert(item);
    }
  }

  private isKept(item: Element): boolean {
    const id = (item as HTMLElement).dataset.id;
    return id !== undefined && this.items.get(id) === item;
  }

  private setPaused(reason: PauseReason, paused: boolean): void {
    if (paused) this.pauses.add(reason);
    else this.pauses.delete(reason);
    const user = this.pauses.has('user');
    setButton(this.toggle, user ? this.strings.play : this.strings.pause, user ? ICONS.play : ICONS.pause);
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
}
