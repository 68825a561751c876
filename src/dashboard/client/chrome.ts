/** The dashboard's frame: title, connection indicator and clock on top; failing sources below. */
import { el } from '../../browser/dom.ts';
import type { FeedStatus } from '../../browser/feed.ts';
import type { TimeFormat } from '../../browser/format.ts';

/** How long each failing source stays in the strip before the next one takes its place. */
const ROTATE_MS = 8000;

export class TopBar {
  readonly element: HTMLElement;
  private readonly connection: HTMLElement;
  private readonly time: HTMLElement;
  private readonly date: HTMLElement;
  private readonly clockTime: Intl.DateTimeFormat;
  private readonly clockDate: Intl.DateTimeFormat;

  constructor(doc: Document, title: string, settings: { timeZone: string | undefined; format: TimeFormat }) {
    const { timeZone, format } = settings;
    const hourCycle: Intl.DateTimeFormatOptions = format === '24h' ? { hourCycle: 'h23' } : format === '12h' ? { hour12: true } : {};
    this.clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone, ...hourCycle });
    this.clockDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone });
    this.element = el(doc, 'header', 'topbar');
    const heading = el(doc, 'h1', 'title', title);
    heading.dir = 'auto';
    this.connection = el(doc, 'p', 'connection connecting', 'Connecting…');
    this.connection.setAttribute('role', 'status');
    const clock = el(doc, 'p', 'clock');
    this.time = el(doc, 'time', 'clock-time');
    this.date = el(doc, 'span', 'clock-date');
    clock.append(this.time, this.date);
    this.element.append(heading, this.connection, clock);
    this.tick(new Date());
  }

  tick(now: Date): void {
    this.time.textContent = this.clockTime.format(now);
    this.time.setAttribute('datetime', now.toISOString());
    this.date.textContent = this.clockDate.format(now);
  }

  setStatus(status: FeedStatus, detail?: string): void {
    const text: Record<FeedStatus, string> = {
      connecting: 'Connecting…',
      live: 'Live',
      reconnecting: 'Reconnecting…',
      failed: `Unavailable${detail === undefined ? '' : `: ${detail}`}`,
      refused: 'Not enabled for this site',
    };
    this.connection.className = `connection ${status}`;
    this.connection.textContent = text[status];
  }
}

export interface SourceHealth {
  id: string;
  name: string;
  status: string;
  consecutiveFailures: number;
  lastError: { code: string; message: string; at: string } | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The failing sources of a GET /api/sources answer, tolerating anything unexpected. */
export function failingSources(body: unknown): SourceHealth[] | null {
  if (!isRecord(body) || !Array.isArray(body.sources)) return null;
  const out: SourceHealth[] = [];
  for (const raw of body.sources as unknown[]) {
    if (!isRecord(raw) || raw.status !== 'failing') continue;
    const error = isRecord(raw.lastError) ? raw.lastError : null;
    out.push({
      id: String(raw.id),
      name: typeof raw.name === 'string' ? raw.name : String(raw.id),
      status: 'failing',
      consecutiveFailures: typeof raw.consecutiveFailures === 'number' ? raw.consecutiveFailures : 0,
      lastError: error === null ? null : { code: text(error.code), message: text(error.message), at: text(error.at) },
    });
  }
  return out;
}

/**
 * The failing sources, readable from across a room: one at a time, in full (name, failures and
 * the whole error), rotating; focus or hover expands the strip to list them all at once.
 */
export class SourcesStrip {
  readonly element: HTMLElement;
  private entries: HTMLElement[] = [];
  private shown = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly doc: Document) {
    this.element = el(doc, 'footer', 'sources');
    this.element.setAttribute('aria-label', 'Source health');
    this.element.tabIndex = 0;
  }

  show(failing: SourceHealth[] | null): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.element.replaceChildren();
    this.entries = [];
    this.element.classList.toggle('failing', failing !== null && failing.length > 0);
    if (failing === null) {
      this.element.append(el(this.doc, 'span', 'quiet', 'Source health unavailable'));
      return;
    }
    if (failing.length === 0) {
      this.element.append(el(this.doc, 'span', 'quiet', 'All sources OK'));
      return;
    }
    this.element.append(el(this.doc, 'strong', 'label', `⚠ ${failing.length} failing source${failing.length === 1 ? '' : 's'}`));
    const list = el(this.doc, 'ul', 'failing-list');
    for (const source of failing) {
      const item = el(this.doc, 'li', 'source');
      const name = el(this.doc, 'b', '', source.name);
      name.dir = 'auto';
      const why = source.lastError === null ? '' : ` ${source.lastError.code}: ${source.lastError.message}`;
      item.append(name, this.doc.createTextNode(` (${source.consecutiveFailures}×)${why}`));
      this.entries.push(item);
    }
    list.append(...this.entries);
    this.element.append(list);
    this.shown = 0;
    this.rotate(0);
    if (this.entries.length > 1) this.timer = setInterval(() => this.rotate(1), ROTATE_MS);
  }

  private rotate(by: number): void {
    // Held still while someone reads the expanded list.
    if (by !== 0 && this.element.matches(':focus-within, :hover')) return;
    this.shown = (this.shown + by) % Math.max(1, this.entries.length);
    this.entries.forEach((entry, i) => entry.classList.toggle('current', i === this.shown));
  }
}
