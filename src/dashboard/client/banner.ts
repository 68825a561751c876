/**
 * The breaking-news banner: the newest `priority: "breaking"` headline across the top of the
 * screen for a while (`?breaking=` minutes), announced to screen readers, kept in step with
 * corrections and taken down by a retraction.
 */
import type { Headline } from '../../protocol/events.ts';
import { pinnedUntil } from '../../browser/headline-set.ts';
import { renderTitle } from '../../browser/item.ts';

export class BreakingBanner {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private shownId: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly durationMs: number,
  ) {
    this.element = doc.createElement('section');
    this.element.className = 'breaking-banner';
    this.element.setAttribute('role', 'alert');
    this.element.hidden = true;
    const label = doc.createElement('strong');
    label.className = 'breaking-label';
    label.textContent = 'Breaking';
    this.text = doc.createElement('div');
    this.text.className = 'breaking-text';
    this.element.append(label, this.text);
  }

  /**
   * Shows a breaking headline unless it became breaking longer ago than the banner stays; a
   * correction to the one on show replaces its text, or takes it down when no longer breaking.
   */
  offer(headline: Headline, now = Date.now()): void {
    if (headline.priority !== 'breaking') {
      if (headline.id === this.shownId) this.clear();
      return;
    }
    const left = pinnedUntil(headline, this.durationMs, now) - now;
    if (left <= 0) return;
    this.shownId = headline.id;
    this.text.replaceChildren(renderTitle(this.doc, headline, '_blank'));
    this.element.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.clear(), left);
  }

  retract(id: string): void {
    if (id === this.shownId) this.clear();
  }

  private clear(): void {
    clearTimeout(this.timer);
    this.shownId = undefined;
    this.element.hidden = true;
    this.text.replaceChildren();
  }
}
