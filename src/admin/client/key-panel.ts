/**
 * The API key of this tab: typed into the page, kept in sessionStorage (this tab only, gone
 * when it closes; never localStorage or a cookie), sent as a Bearer token by AdminApi.
 */
import { el } from '../../browser/dom.ts';

const STORAGE_KEY = 'news-ticker.admin.key';

/** The key, in sessionStorage when the browser allows it, else in this page only. */
export class TabKey {
  private memory: string | null = null;
  /** False when sessionStorage is unavailable (storage disabled): the key lasts until reload. */
  readonly persistent: boolean;

  constructor(private readonly storage: Storage | null) {
    this.persistent = storage !== null;
    this.memory = storage?.getItem(STORAGE_KEY) ?? null;
  }

  get(): string | null {
    return this.memory;
  }

  set(key: string): void {
    this.memory = key;
    this.storage?.setItem(STORAGE_KEY, key);
  }

  clear(): void {
    this.memory = null;
    this.storage?.removeItem(STORAGE_KEY);
  }
}

/** sessionStorage, or null where reading it throws (storage blocked for the site). */
export function tabStorage(win: Window): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null; // the key then lives in the page only; KeyPanel says so
  }
}

/** The form at the top: a password field, "Use key" and "Forget key", and what is known of the key. */
export class KeyPanel {
  readonly element: HTMLFormElement;
  private readonly input: HTMLInputElement;
  private readonly state: HTMLElement;

  constructor(
    doc: Document,
    private readonly key: TabKey,
    private readonly onChange: () => void,
  ) {
    this.element = el(doc, 'form', 'key-panel');
    this.element.setAttribute('aria-label', 'API key');
    const label = el(doc, 'label', 'key-label', 'API key');
    this.input = el(doc, 'input', 'key-input');
    this.input.type = 'password';
    this.input.name = 'key';
    this.input.id = 'api-key';
    this.input.autocomplete = 'off';
    this.input.spellcheck = false;
    this.input.placeholder = 'your API key';
    label.htmlFor = this.input.id;
    const use = el(doc, 'button', 'use-key', 'Use key');
    use.type = 'submit';
    const forget = el(doc, 'button', 'forget-key', 'Forget key');
    forget.type = 'button';
    this.state = el(doc, 'p', 'key-state');
    this.state.setAttribute('aria-live', 'polite');
    this.element.append(label, this.input, use, forget, this.state);

    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = this.input.value.trim();
      if (typed === '') return;
      this.key.set(typed);
      this.input.value = '';
      this.onChange();
    });
    forget.addEventListener('click', () => {
      this.key.clear();
      this.onChange();
    });
    this.describe('');
  }

  /** Says whether a key is in use and, once checked, what it may do. */
  describe(verdict: string): void {
    const where = this.key.persistent ? 'kept for this tab only' : 'kept until this page reloads (this browser blocks session storage)';
    const held = this.key.get() === null ? 'No key: type one to edit headlines and manage sources.' : `A key is in use, ${where}.`;
    this.state.textContent = verdict === '' ? held : `${held} ${verdict}`;
    this.element.classList.toggle('has-key', this.key.get() !== null);
  }
}
