/**
 * The crawl: one track of items moved left by a CSS transform each animation frame. An item
 * that has left on the left is moved to the end of the track (or dropped when it is no longer
 * kept), so the crawl loops without copies. A spacer that travels with the loop keeps the
 * track's end beyond the right edge, so whatever is inserted there enters from the right
 * instead of popping into view: new headlines join without a jump.
 *
 * Right-to-left tickers mirror all of it (items flow from the right, the crawl moves right), so
 * the start of an Arabic or Persian headline enters first. Positions are measured from the
 * track's start edge along the crawl, whichever side that is.
 */
export class Crawl {
  private offset = 0;
  private frame = 0;
  private lastTime: number | undefined;
  private running = false;
  readonly spacer: HTMLLIElement;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly track: HTMLElement,
    private speed: number,
    /** Asked when an item leaves on the left: true drops it instead of looping it. */
    private readonly shouldDrop: (item: Element) => boolean,
    private readonly rtl = false,
  ) {
    this.spacer = track.ownerDocument.createElement('li');
    this.spacer.className = 'spacer';
    this.spacer.setAttribute('aria-hidden', 'true');
    track.append(this.spacer);
  }

  /** Distance from the track's start edge to the item's start edge. */
  private lead(item: HTMLElement): number {
    return this.rtl ? this.track.offsetWidth - item.offsetLeft - item.offsetWidth : item.offsetLeft;
  }

  private applyTransform(): void {
    this.track.style.transform = `translate3d(${(this.rtl ? this.offset : -this.offset).toFixed(2)}px, 0, 0)`;
  }

  setSpeed(pxPerSecond: number): void {
    this.speed = pxPerSecond;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.lastTime = undefined;
    this.frame = requestAnimationFrame(this.tick);
  }

  stop(): void {
    this.running = false;
    cancelAnimationFrame(this.frame);
  }

  /** Back to the first item at the left edge (mode changes and resizes). */
  reset(): void {
    this.offset = 0;
    this.track.style.transform = '';
    this.fitSpacer(true);
  }

  /** True when the item is wholly beyond the right edge, so removing it moves nothing in view. */
  isAhead(item: HTMLElement): boolean {
    return this.lead(item) - this.offset >= this.viewport.clientWidth;
  }

  /**
   * Brings a keyboard-focused item to the left edge (a jump, but one the user asked for): a
   * focused link must be visible. Items before it stay in place, so Shift+Tab still walks back.
   */
  reveal(item: HTMLElement): void {
    const start = this.lead(item) - this.offset;
    if (start >= 0 && start + item.offsetWidth <= this.viewport.clientWidth) return;
    this.offset = this.lead(item);
    this.applyTransform();
  }

  /** Inserts an item where it is not yet visible: before the first item beyond the right edge. */
  insert(item: HTMLElement): void {
    const width = this.viewport.clientWidth;
    let before: Element | null = null;
    for (const child of Array.from(this.track.children) as HTMLElement[]) {
      if (this.lead(child) - this.offset >= width) {
        before = child;
        break;
      }
    }
    this.track.insertBefore(item, before);
    this.fitSpacer(false);
  }

  /**
   * Keeps loop length ≥ viewport + widest item, so the loop's end stays out of view. Resizing
   * the spacer moves what follows it, so unless `force`, only while it is out of view on the right.
   */
  fitSpacer(force: boolean): void {
    if (!force && !this.isAhead(this.spacer)) return;
    let content = 0;
    let widest = 0;
    for (const child of Array.from(this.track.children)) {
      if (child === this.spacer) continue;
      const w = (child as HTMLElement).offsetWidth;
      content += w;
      widest = Math.max(widest, w);
    }
    const needed = Math.max(0, this.viewport.clientWidth + widest - content);
    this.spacer.style.width = `${Math.ceil(needed)}px`;
  }

  private readonly tick = (now: number): void => {
    if (!this.running) return;
    // A long gap (tab in the background, debugger) must not turn into a leap.
    const dt = this.lastTime === undefined ? 0 : Math.min(now - this.lastTime, 100);
    this.lastTime = now;
    this.offset += (this.speed * dt) / 1000;
    this.recycle();
    this.applyTransform();
    this.frame = requestAnimationFrame(this.tick);
  };

  private recycle(): void {
    // Bounded: each child moves at most once per frame.
    for (let guard = this.track.children.length; guard > 0; guard--) {
      const first = this.track.firstElementChild as HTMLElement | null;
      if (first === null) return;
      const width = first.offsetWidth;
      if (this.offset < width || (width === 0 && first !== this.spacer)) return;
      this.offset -= width;
      if (first !== this.spacer && this.shouldDrop(first)) {
        first.remove();
      } else {
        this.track.append(first);
        if (first === this.spacer) this.fitSpacer(true);
      }
    }
  }
}
