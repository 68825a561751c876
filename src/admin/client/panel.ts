/**
 * A section of the admin page that loads from the API: a heading, a toolbar, and a state line
 * saying why it is empty (no key yet, a refused key, the service down) in the API's own words.
 */
import { el } from '../../browser/dom.ts';
import { CoalescedTask } from '../../shared/coalesced-task.ts';
import { ApiError, describeFailure } from './api.ts';
import { button } from './forms.ts';

export class Panel {
  readonly element: HTMLElement;
  readonly toolbar: HTMLElement;
  readonly body: HTMLElement;
  private readonly state: HTMLElement;
  /** A reload asked for during a load runs once more after it (see refresh). */
  private readonly loads = new CoalescedTask(
    () => this.run(),
    (error) => this.sayFailure(error),
  );

  constructor(
    readonly doc: Document,
    id: string,
    title: string,
    /** Fetches and draws; throws what the API answered. */
    private readonly load: () => Promise<void>,
  ) {
    this.element = el(doc, 'section', `panel ${id}`);
    this.element.id = id;
    this.element.setAttribute('aria-labelledby', `${id}-title`);
    const heading = el(doc, 'h2', undefined, title);
    heading.id = `${id}-title`;
    const refresh = button(doc, 'refresh', 'Refresh');
    refresh.addEventListener('click', () => void this.refresh());
    const head = el(doc, 'div', 'panel-head');
    head.append(heading, refresh);
    this.toolbar = el(doc, 'div', 'toolbar');
    this.state = el(doc, 'p', 'panel-state');
    this.state.setAttribute('role', 'status');
    this.body = el(doc, 'div', 'panel-body');
    this.element.append(head, this.toolbar, this.state, this.body);
  }

  /**
   * Loads again. A request made while a load is under way is answered by one more load after it
   * (however many were made): the answer under way may predate the change or the key that asked
   * for the reload, so joining it would show the old state until the next periodic reload.
   */
  refresh(): Promise<void> {
    return this.loads.request();
  }

  private async run(): Promise<void> {
    this.element.setAttribute('aria-busy', 'true');
    try {
      this.say('');
      await this.load();
    } finally {
      this.element.removeAttribute('aria-busy');
    }
  }

  /** A failed load, in the API's own words. */
  private sayFailure(error: unknown): void {
    const { summary, detail } = describeFailure(error);
    this.say(`${summary}. ${detail}`, error instanceof ApiError ? error.code : 'ERROR');
  }

  /** The state line; `code` marks it as a failure. */
  say(text: string, code?: string): void {
    this.state.textContent = text;
    this.state.hidden = text === '';
    this.state.classList.toggle('failed', code !== undefined);
    if (code === undefined) delete this.state.dataset.code;
    else this.state.dataset.code = code;
  }
}
