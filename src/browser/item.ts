/** One headline as DOM: text only (textContent), links only for http(s), times in the viewer's locale. */
import type { WireHeadline } from '../protocol/events.ts';
import { formatHeadlineTime, headlineDate } from './format.ts';
import { safeHttpUrl, safeLangTag } from './safety.ts';

export type LinkTarget = '_blank' | '_self' | '_top' | '_parent';

export interface ItemOptions {
  showSource: boolean;
  showTime: boolean;
  target: LinkTarget;
}

/** The headline's title element: a link for http(s) URLs, plain text for anything else. */
export function renderTitle(doc: Document, headline: WireHeadline, target: LinkTarget): HTMLElement {
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

/** "Source · 14:05", with a machine-readable <time>. Null when nothing is to be shown. */
export function renderMeta(doc: Document, headline: WireHeadline, options: Omit<ItemOptions, 'target'>): HTMLElement | null {
  const parts: Node[] = [];
  if (options.showSource && headline.source.name !== '') {
    const source = doc.createElement('span');
    source.dir = 'auto';
    source.textContent = headline.source.name;
    parts.push(source);
  }
  const date = options.showTime ? headlineDate(headline) : null;
  if (date !== null) {
    if (parts.length > 0) parts.push(doc.createTextNode(' · '));
    const time = doc.createElement('time');
    time.dateTime = date.toISOString();
    time.textContent = formatHeadlineTime(date);
    parts.push(time);
  }
  if (parts.length === 0) return null;
  const meta = doc.createElement('span');
  meta.className = 'meta';
  meta.append(...parts);
  return meta;
}

export function renderItem(doc: Document, headline: WireHeadline, options: ItemOptions): HTMLLIElement {
  const item = doc.createElement('li');
  item.className = 'item';
  item.dataset.id = headline.id;
  item.append(renderTitle(doc, headline, options.target));
  const meta = renderMeta(doc, headline, options);
  if (meta !== null) item.append(meta);
  return item;
}
