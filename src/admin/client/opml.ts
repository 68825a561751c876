/**
 * OPML 2.0 in and out: import reads a file the user picks and POSTs it to
 * /api/sources/import; export fetches /api/sources.opml with the tab's key and hands the
 * browser a file to save (a link with the key in it could be copied; a blob cannot).
 */
import { el } from '../../browser/dom.ts';
import type { AdminApi } from './api.ts';
import { button } from './forms.ts';
import type { Notices } from './notices.ts';
import { isRecord } from './guards.ts';


/** "2 created, 1 skipped (bbc-world: the source "bbc" has this URL)" from an import answer. */
export function importSummary(body: unknown): string {
  if (!isRecord(body)) return 'imported';
  const parts = Object.entries(body).flatMap(([key, value]) => {
    if (typeof value === 'number') return [`${value} ${key}`];
    if (!Array.isArray(value)) return [];
    const why = value.flatMap((entry: unknown) => (isRecord(entry) && typeof entry.reason === 'string' ? [`${String(entry.id)}: ${entry.reason}`] : []));
    return [`${value.length} ${key}${why.length === 0 ? '' : ` (${why.join('; ')})`}`];
  });
  return parts.length === 0 ? 'imported' : parts.join(', ');
}

export class OpmlTools {
  readonly elements: HTMLElement[];

  constructor(
    private readonly doc: Document,
    private readonly api: AdminApi,
    private readonly notices: Notices,
    private readonly onImported: () => void,
  ) {
    const label = el(doc, 'label', 'file-button', 'Import OPML');
    const file = el(doc, 'input', 'visually-hidden');
    file.type = 'file';
    file.name = 'opml';
    file.accept = '.opml,.xml,text/x-opml,application/xml,text/xml';
    label.append(file);
    file.addEventListener('change', () => {
      const chosen = file.files?.[0];
      file.value = '';
      if (chosen !== undefined) void this.import(chosen);
    });
    const exporter = button(doc, 'export-opml', 'Export OPML');
    exporter.addEventListener('click', () => void this.export());
    this.elements = [label, exporter];
  }

  private async import(file: File): Promise<void> {
    const what = `Import ${file.name}`;
    const ok = await this.notices.attempt(what, async () => {
      const body = await this.api.json('POST', '/api/sources/import', { text: await file.text(), type: 'text/x-opml' });
      this.notices.success(`${what}: ${importSummary(body)}.`);
    });
    if (ok) this.onImported();
  }

  private async export(): Promise<void> {
    await this.notices.attempt('Export OPML', async () => {
      const response = await this.api.call('GET', '/api/sources.opml', undefined, 'text/x-opml, application/xml');
      const href = URL.createObjectURL(await response.blob());
      const link = el(this.doc, 'a');
      link.href = href;
      link.download = 'news-ticker-sources.opml';
      this.doc.body.append(link);
      link.click();
      link.remove();
      // The download has started from the blob; the URL is not needed after this turn.
      setTimeout(() => URL.revokeObjectURL(href), 0);
      this.notices.success('Export OPML: saved news-ticker-sources.opml.');
    });
  }
}
