/**
 * What the page tells the user about its actions: the last success in a polite status line, and
 * failures in an alert list that stays until dismissed, each naming the action, the HTTP status
 * and the contract's code (401 UNAUTHORIZED, 403 FORBIDDEN, 409 CONFLICT, 429 RATE_LIMITED...).
 */
import { el } from '../../browser/dom.ts';
import { ApiError, describeFailure } from './api.ts';

const MAX_SHOWN = 4;

export class Notices {
  readonly element: HTMLElement;
  private readonly status: HTMLElement;
  private readonly errors: HTMLElement;

  constructor(private readonly doc: Document) {
    this.element = el(doc, 'div', 'notices');
    this.status = el(doc, 'p', 'notice-status');
    this.status.setAttribute('role', 'status');
    this.errors = el(doc, 'ul', 'notice-errors');
    this.errors.setAttribute('role', 'alert');
    this.errors.setAttribute('aria-label', 'Errors');
    this.element.append(this.errors, this.status);
  }

  success(text: string): void {
    this.status.textContent = text;
  }

  /** `action` says what was being done ("Retract headline"). */
  failure(action: string, error: unknown): void {
    const { summary, detail } = describeFailure(error);
    const item = el(this.doc, 'li', 'notice-error');
    if (error instanceof ApiError) {
      item.dataset.status = String(error.status);
      item.dataset.code = error.code;
    }
    const text = el(this.doc, 'div', 'notice-text');
    text.append(el(this.doc, 'strong', 'notice-summary', `${action}: ${summary}`));
    if (detail !== '') text.append(el(this.doc, 'span', 'notice-detail', detail));
    const dismiss = el(this.doc, 'button', 'dismiss', 'Dismiss');
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => item.remove());
    item.append(text, dismiss);
    this.errors.prepend(item);
    while (this.errors.children.length > MAX_SHOWN) this.errors.lastElementChild?.remove();
    this.status.textContent = '';
  }

  clearErrors(): void {
    this.errors.replaceChildren();
  }

  /** Runs `task`, reporting its failure under `action`; answers whether it succeeded. */
  async attempt(action: string, task: () => Promise<void>): Promise<boolean> {
    try {
      await task();
      return true;
    } catch (error) {
      this.failure(action, error);
      return false;
    }
  }
}
