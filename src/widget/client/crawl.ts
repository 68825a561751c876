/**
 * The crawl: one track of items moved left by a CSS transform each animation frame. An item
 * that has left on the left is moved to the end of the track (or dropped when it is no longer
 * kept), so the crawl loops without copies. A spacer that travels with the loop keeps the
 * track's end beyond the right edge, so whatever is inserted there enters from the right
 * instead of popping into view: new headlines join without a jump.
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
  ) {
    this.spacer = track.ownerDocument.createElement('li');
    this.spacer.className = 'spacer';
    this.spacer.setAttribute('aria-hidden', 'true');
    track.append(this.spacer);
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
    return item.offsetLeft - this.offset >= this.viewport.clientWidth;
  }

  /**
   * Brings a keyboard-focused item to the left edge (a jump, but one the user asked for): a
   * focused link must be visible. Items before it stay in place, so Shift+Tab still walks back.
   */
  reveal(item: HTMLElement): void {
    const left = item.offsetLeft - this.offset;
    if (left >= 0 && left + item.offsetWidth <= this.viewport.clientWidth) return;
    this.offset = item.offsetLeft;
    this.track.style.transform = `translate3d(${(-this.offset).toFixed(2)}px, 0, 0)`;
  }

  /** Inserts an item where it is not yet visible: before the first item beyond the right edge. */
  insert(item: HTMLElement): void {
    const width = this.viewport.clientWidth;
    let before: Element | null = null;
    for (const child of Array.from(this.track.children) as HTMLElement[]) {
      if (child.offsetLeft - this.offset >= width) {
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
    const spacerLeft = this.spacer.offsetLeft - this.offset;
    if (!force && spacerLeft < this.viewport.clientWidth) return;
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
    this.track.style.transform = `translate3d(${(-this.offset).toFixed(2)}px, 0, 0)`;
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
