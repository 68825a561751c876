/**
 * One recent headline in the admin list: what readers see of it (title, source, time, tags,
 * breaking and revision marks) and the editor's three actions. Correct and retract open a form
 * inside the row; a live update redraws the display part only, so a form being typed in stays.
 */
import { el } from '../../browser/dom.ts';
import type { TimeFormatter } from '../../browser/format.ts';
import { headlineDate } from '../../browser/format.ts';
import { renderTime, renderTitle, sourceName } from '../../browser/item.ts';
import type { HeadlinePriority, Headline } from '../../protocol/events.ts';
import { actionForm, button, field, input, listOf, sameList, textarea, whileBusy } from './forms.ts';

/** A correction as PATCH /api/headlines/:id takes it; `null` removes summary or url. */
export interface HeadlinePatch {
  title?: string;
  summary?: string | null;
  url?: string | null;
  topics?: string[];
  regions?: string[];
  priority?: HeadlinePriority;
}

/** What the row asks of the page; each answers whether it succeeded (failures are already reported). */
export interface HeadlineActions {
  correct(id: string, patch: HeadlinePatch): Promise<boolean>;
  retract(id: string, reason: string): Promise<boolean>;
  /** Nothing to change: said to the user rather than sent. */
  unchanged(): void;
}

/** The fields of the correct form that differ from `headline`. */
export function correctionOf(headline: Headline, form: { title: string; summary: string; url: string; topics: string; regions: string }): HeadlinePatch {
  const patch: HeadlinePatch = {};
  const title = form.title.trim();
  if (title !== headline.title) patch.title = title;
  const summary = form.summary.trim();
  if (summary !== (headline.summary ?? '')) patch.summary = summary === '' ? null : summary;
  const url = form.url.trim();
  if (url !== (headline.url ?? '')) patch.url = url === '' ? null : url;
  const topics = listOf(form.topics);
  if (!sameList(topics, headline.topics)) patch.topics = topics;
  const regions = listOf(form.regions);
  if (!sameList(regions, headline.regions)) patch.regions = regions;
  return patch;
}

export class HeadlineRow {
  readonly element: HTMLLIElement;
  private readonly display: HTMLElement;
  private readonly breaking: HTMLButtonElement;
  private readonly editor: HTMLElement;

  constructor(
    private headline: Headline,
    private readonly times: TimeFormatter,
    private readonly actions: HeadlineActions,
  ) {
    const doc = document;
    this.element = el(doc, 'li', 'headline');
    this.element.dataset.id = headline.id;
    this.display = el(doc, 'div', 'headline-display');
    const bar = el(doc, 'div', 'actions');
    const correct = button(doc, 'correct', 'Correct');
    this.breaking = button(doc, 'breaking-toggle', 'Breaking');
    const retract = button(doc, 'retract danger', 'Retract');
    bar.append(correct, this.breaking, retract);
    this.editor = el(doc, 'div', 'editor');
    this.element.append(this.display, bar, this.editor);
    correct.addEventListener('click', () => this.openCorrection());
    retract.addEventListener('click', () => this.openRetraction());
    this.breaking.addEventListener('click', () => void this.toggleBreaking());
    this.draw();
  }

  get id(): string {
    return this.headline.id;
  }

  /** Text the filter looks in: title, summary, source, tags and id. */
  get searchText(): string {
    const h = this.headline;
    return [h.title, h.summary ?? '', h.source.name, h.source.id, ...h.topics, ...h.regions, h.id].join(' ').toLowerCase();
  }

  update(headline: Headline): void {
    this.headline = headline;
    this.draw();
  }

  private draw(): void {
    const doc = document;
    const h = this.headline;
    const isBreaking = h.priority === 'breaking';
    this.element.classList.toggle('is-breaking', isBreaking);
    this.breaking.setAttribute('aria-pressed', String(isBreaking));
    this.breaking.textContent = isBreaking ? 'Breaking: on' : 'Breaking';
    const meta = el(doc, 'p', 'meta');
    const date = headlineDate(h);
    if (date !== null) meta.append(renderTime(doc, date, this.times));
    const name = sourceName(h);
    if (name !== '') meta.append(el(doc, 'span', 'source', name));
    if (isBreaking) meta.append(el(doc, 'span', 'badge breaking-badge', 'breaking'));
    if ((h.revision ?? 1) > 1) meta.append(el(doc, 'span', 'badge revision', `updated · rev. ${h.revision ?? 1}`));
    const tags = el(doc, 'p', 'tags', [...h.topics, ...h.regions].join(' · ') || 'untagged');
    const parts: HTMLElement[] = [meta, renderTitle(doc, h, '_blank')];
    if (h.summary !== undefined && h.summary !== '') parts.push(el(doc, 'p', 'summary', h.summary));
    parts.push(tags);
    this.display.replaceChildren(...parts);
  }

  private close(): void {
    this.editor.replaceChildren();
  }

  private openCorrection(): void {
    const doc = document;
    const h = this.headline;
    const title = input(doc, 'title', h.title);
    title.required = true;
    const summary = textarea(doc, 'summary', h.summary ?? '');
    const url = input(doc, 'url', h.url ?? '', 'url');
    const topics = input(doc, 'topics', h.topics.join(', '));
    const regions = input(doc, 'regions', h.regions.join(', '));
    const form = actionForm(
      doc,
      {
        className: 'correct-form',
        label: 'Correct headline',
        submit: ['save-correction primary', 'Save correction'],
        onCancel: () => this.close(),
        onSubmit: (form) => {
          const patch = correctionOf(this.headline, { title: title.value, summary: summary.value, url: url.value, topics: topics.value, regions: regions.value });
          if (Object.keys(patch).length === 0) this.actions.unchanged();
          else void whileBusy(form, () => this.actions.correct(this.headline.id, patch)).then((ok) => ok && this.close());
        },
      },
      [
        field(doc, 'Title', title),
        field(doc, 'Summary', summary, 'empty removes it'),
        field(doc, 'Link', url, 'absolute http(s); empty removes it'),
        field(doc, 'Topics', topics, 'comma-separated slugs, e.g. politics, economy'),
        field(doc, 'Regions', regions, 'comma-separated codes, e.g. az, western-asia'),
      ],
    );
    this.editor.replaceChildren(form);
    title.focus();
  }

  private openRetraction(): void {
    const doc = document;
    const reason = input(doc, 'reason');
    reason.required = true;
    reason.maxLength = 500;
    const form = actionForm(
      doc,
      {
        className: 'retract-form',
        label: 'Retract headline',
        submit: ['confirm-retract danger', 'Retract headline'],
        onCancel: () => this.close(),
        onSubmit: (form) => {
          const why = reason.value.trim();
          if (why !== '') void whileBusy(form, () => this.actions.retract(this.headline.id, why)).then((ok) => ok && this.close());
        },
      },
      [field(doc, 'Reason', reason, 'kept in the audit log and sent with the retraction')],
    );
    this.editor.replaceChildren(form);
    reason.focus();
  }

  private async toggleBreaking(): Promise<void> {
    this.breaking.disabled = true;
    try {
      await this.actions.correct(this.headline.id, { priority: this.headline.priority === 'breaking' ? 'normal' : 'breaking' });
    } finally {
      this.breaking.disabled = false;
    }
  }
}
