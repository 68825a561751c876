/**
 * The add / edit form of a source: the fields of a sources-file entry (design.md, "Sources at
 * runtime"). The service validates; its field errors come back as a VALIDATION notice.
 */
import { el } from '../../browser/dom.ts';
import { actionForm, field, input, listOf, select, textarea, whileBusy } from './forms.ts';
import { isRecord } from './guards.ts';

export type SourceDraft = Record<string, unknown>;

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback);
/** The keys of a source's configuration (src/config/sources.ts); anything else (health) is not sent back. */
const CONFIG_KEYS = ['id', 'name', 'type', 'url', 'intervalSeconds', 'maxItemsPerPoll', 'timezone', 'lang', 'topics', 'regions', 'extraction'];
const list = (value: unknown): string => (Array.isArray(value) ? value.filter((v) => typeof v === 'string').join(', ') : '');

/** `source`: the stored config when editing (its id cannot change), undefined when adding. */
export function sourceForm(doc: Document, source: SourceDraft | undefined, submit: (draft: SourceDraft) => Promise<boolean>, cancel: () => void): HTMLFormElement {
  const editing = source !== undefined;
  const s = source ?? {};
  const id = input(doc, 'id', text(s.id));
  id.required = true;
  id.pattern = '[a-z0-9][a-z0-9\\-]{0,63}';
  id.readOnly = editing;
  const name = input(doc, 'name', text(s.name));
  name.required = true;
  const type = select(doc, 'type', ['feed', 'page'], text(s.type, 'feed'));
  const url = input(doc, 'url', text(s.url), 'url');
  url.required = true;
  const interval = input(doc, 'intervalSeconds', text(s.intervalSeconds, '300'), 'number');
  interval.min = '10';
  interval.max = '86400';
  const topics = input(doc, 'topics', list(s.topics));
  const regions = input(doc, 'regions', list(s.regions));
  const lang = input(doc, 'lang', text(s.lang));
  const timezone = input(doc, 'timezone', text(s.timezone, 'UTC'));
  const extraction = textarea(doc, 'extraction', isRecord(s.extraction) ? JSON.stringify(s.extraction, null, 2) : '', 5);
  const extractionField = field(doc, 'Extraction (JSON, pages only)', extraction, 'e.g. {"kind":"html","item":"article","title":"h2"}');
  const showExtraction = (): void => void (extractionField.hidden = type.value !== 'page');
  type.addEventListener('change', showExtraction);
  extraction.addEventListener('input', () => extraction.setCustomValidity(''));
  showExtraction();

  const legend = el(doc, 'h3', undefined, editing ? `Edit ${text(s.name, text(s.id))}` : 'Add a source');
  const grid = el(doc, 'div', 'form-grid');
  grid.append(
    field(doc, 'Id', id, editing ? 'cannot change' : 'lower-case letters, digits and dashes'),
    field(doc, 'Name', name),
    field(doc, 'Type', type),
    field(doc, 'URL', url),
    field(doc, 'Interval (seconds)', interval, '10 to 86400'),
    field(doc, 'Topics', topics, 'comma-separated, for every item'),
    field(doc, 'Regions', regions, 'comma-separated, for every item'),
    field(doc, 'Language', lang, 'e.g. en, az; empty: from the feed'),
    field(doc, 'Time zone', timezone, 'IANA, for dates without one'),
  );
  const onSubmit = (form: HTMLFormElement): void => {
    // Stored fields the form does not show (maxItemsPerPoll...) are kept as they are.
    const kept = Object.fromEntries(Object.entries(s).filter(([key]) => CONFIG_KEYS.includes(key)));
    const draft: SourceDraft = { ...kept, id: id.value.trim(), name: name.value.trim(), type: type.value, url: url.value.trim() };
    draft.intervalSeconds = Number(interval.value);
    draft.topics = listOf(topics.value);
    draft.regions = listOf(regions.value);
    draft.timezone = timezone.value.trim() || 'UTC';
    if (lang.value.trim() === '') delete draft.lang;
    else draft.lang = lang.value.trim();
    delete draft.extraction;
    if (type.value === 'page' && extraction.value.trim() !== '') {
      try {
        draft.extraction = JSON.parse(extraction.value) as unknown;
      } catch {
        extraction.setCustomValidity('not valid JSON'); // said next to the field, and nothing is sent
        extraction.reportValidity();
        return;
      }
    }
    void whileBusy(form, () => submit(draft));
  };
  const label = editing ? `Edit source ${text(s.id)}` : 'Add source';
  const submitText = editing ? 'Save source' : 'Add source';
  return actionForm(doc, { className: 'source-form', label, submit: ['save-source primary', submitText], onSubmit, onCancel: cancel }, [legend, grid, extractionField]);
}
