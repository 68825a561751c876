/** One headline as DOM: text only (textContent), links only for http(s), times as the embedder chose. */
import type { Headline } from '../protocol/events.ts';
import { UNNAMED_PUBLISH_SOURCE } from '../protocol/headline.ts';
import { headlineDate, isOld, type TimeFormatter } from './format.ts';
import { safeHttpUrl, safeLangTag } from './safety.ts';

export type LinkTarget = '_blank' | '_self' | '_top' | '_parent';

export interface ItemOptions {
  showSource: boolean;
  showTime: boolean;
  target: LinkTarget;
  times: TimeFormatter;
  /** The word shown next to a corrected headline ("updated"). */
  updated: string;
}

/** The headline's title element: a link for http(s) URLs, plain text for anything else. */
export function renderTitle(doc: Document, headline: Headline, target: LinkTarget): HTMLElement {
  const href = safeHttpUrl(headline.url);
  let title: HTMLElement;
  if (href === null) {
    title = doc.createElement('span');
  } else {
    const link = doc.createElement('a');
    link.href = href;
    link.target = target;
    link.rel = 'noopener noreferrer';
    title = link;
  }
  title.className = 'title';
  title.dir = 'auto';
  title.textContent = headline.title;
  const lang = safeLangTag(headline.lang);
  if (lang !== null) title.lang = lang;
  return title;
}

/** The name to show readers for the headline's source, or '' for none (never the publish API's placeholder). */
export function sourceName(headline: Headline): string {
  const { id, name } = headline.source;
  return id === UNNAMED_PUBLISH_SOURCE.id && name === UNNAMED_PUBLISH_SOURCE.name ? '' : name;
}

/** A machine-readable <time>, marked `old` when older than a day (it then shows its date). */
export function renderTime(doc: Document, date: Date, times: TimeFormatter, now = new Date()): HTMLTimeElement {
  const time = doc.createElement('time');
  time.dateTime = date.toISOString();
  time.textContent = times.time(date, now);
  if (isOld(date, now)) time.className = 'old';
  return time;
}

/** "Source · 14:05 · updated". Null when nothing is to be shown. */
function renderMeta(doc: Document, headline: Headline, options: Omit<ItemOptions, 'target'>): HTMLElement | null {
  const parts: Node[] = [];
  const name = options.showSource ? sourceName(headline) : '';
  if (name !== '') {
    const source = doc.createElement('span');
    source.dir = 'auto';
    source.textContent = name;
    parts.push(source);
  }
  const date = options.showTime ? headlineDate(headline) : null;
  if (date !== null) parts.push(renderTime(doc, date, options.times));
  if ((headline.revision ?? 1) > 1) {
    const mark = doc.createElement('span');
    mark.className = 'updated';
    mark.textContent = options.updated;
    parts.push(mark);
  }
  if (parts.length === 0) return null;
  const meta = doc.createElement('span');
  meta.className = 'meta';
  parts.forEach((part, i) => meta.append(...(i === 0 ? [part] : [doc.createTextNode(' · '), part])));
  return meta;
}

export function renderItem(doc: Document, headline: Headline, options: ItemOptions): HTMLLIElement {
  const item = doc.createElement('li');
  item.className = headline.priority === 'breaking' ? 'item breaking' : 'item';
  item.dataset.id = headline.id;
  item.append(renderTitle(doc, headline, options.target));
  const meta = renderMeta(doc, headline, options);
  if (meta !== null) item.append(meta);
  return item;
}
