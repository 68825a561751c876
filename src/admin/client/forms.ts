/** Form controls of the admin page, each with its label, built from text only. */
import { el } from '../../browser/dom.ts';

let nextId = 0;

/** A labelled control in a `.field` wrapper; the control gets a page-unique id for its label. */
export function field(doc: Document, label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string): HTMLElement {
  const wrapper = el(doc, 'div', 'field');
  control.id = `f${(nextId += 1)}`;
  const caption = el(doc, 'label', undefined, label);
  caption.htmlFor = control.id;
  wrapper.append(caption, control);
  if (hint !== undefined) {
    const help = el(doc, 'small', 'hint', hint);
    help.id = `${control.id}-hint`;
    control.setAttribute('aria-describedby', help.id);
    wrapper.append(help);
  }
  return wrapper;
}

export function input(doc: Document, name: string, value = '', type = 'text'): HTMLInputElement {
  const control = el(doc, 'input');
  control.type = type;
  control.name = name;
  control.value = value;
  control.autocomplete = 'off';
  return control;
}

export function textarea(doc: Document, name: string, value = '', rows = 3): HTMLTextAreaElement {
  const control = el(doc, 'textarea');
  control.name = name;
  control.value = value;
  control.rows = rows;
  return control;
}

export function select(doc: Document, name: string, options: readonly string[], value: string): HTMLSelectElement {
  const control = el(doc, 'select');
  control.name = name;
  for (const option of options) control.append(new Option(option, option, false, option === value));
  return control;
}

export function button(doc: Document, className: string, label: string, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const control = el(doc, 'button', className, label);
  control.type = type;
  return control;
}

/** "politics, economy" → ["politics", "economy"]: lower-case, trimmed, without blanks. */
export function listOf(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Disables the form's controls while `task` runs, so a slow answer cannot be submitted twice. */
export async function whileBusy(form: HTMLFormElement, task: () => Promise<boolean>): Promise<boolean> {
  const controls = Array.from(form.elements).filter((node): node is Element & { disabled: boolean } => 'disabled' in node);
  for (const control of controls) control.disabled = true;
  form.setAttribute('aria-busy', 'true');
  try {
    return await task();
  } finally {
    for (const control of controls) control.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

export interface ActionFormOptions {
  className: string;
  /** The form's accessible name. */
  label: string;
  /** The submit button: its class and its words. */
  submit: [className: string, text: string];
  onSubmit(form: HTMLFormElement): void;
  onCancel(): void;
}

/** A form of `rows` ending in its submit button and Cancel; submitting never navigates. */
export function actionForm(doc: Document, options: ActionFormOptions, rows: readonly HTMLElement[]): HTMLFormElement {
  const form = el(doc, 'form', options.className);
  form.setAttribute('aria-label', options.label);
  const buttons = el(doc, 'div', 'form-buttons');
  const cancel = button(doc, 'cancel', 'Cancel');
  buttons.append(button(doc, options.submit[0], options.submit[1], 'submit'), cancel);
  form.append(...rows, buttons);
  cancel.addEventListener('click', () => options.onCancel());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    options.onSubmit(form);
  });
  return form;
}
