/**
 * The newsroom page (GET /admin): sources, recent headlines with correct / retract / breaking,
 * and the audit tail. Everything it shows is built as text nodes; everything it does is a call
 * to the API of this origin with the key typed into the page.
 */
import { el } from '../../browser/dom.ts';
import { AdminApi, ApiError, describeFailure } from './api.ts';
import { AuditPanel } from './audit.ts';
import { HeadlinesPanel } from './headlines.ts';
import { KeyPanel, TabKey, tabStorage } from './key-panel.ts';
import { Notices } from './notices.ts';
import { SourcesPanel } from './sources.ts';

/** What the key may do, from one cheap call that needs the `admin` scope. */
async function checkKey(api: AdminApi): Promise<string> {
  try {
    await api.json('GET', '/api/audit?limit=1');
    return 'It has the admin scope.';
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return `It lacks the admin scope (403 ${error.code}): sources and the audit log are refused; headline edits need the edit scope.`;
    const { summary, detail } = describeFailure(error);
    return `${summary}. ${detail}`;
  }
}

function main(): void {
  const doc = document;
  const app = doc.getElementById('app') ?? doc.body;
  const key = new TabKey(tabStorage(window));
  const api = new AdminApi(() => key.get());
  const notices = new Notices(doc);
  const audit = new AuditPanel(doc, api, () => key.get() !== null);
  const refreshAudit = (): void => void audit.panel.refresh();
  const sources = new SourcesPanel(doc, api, notices, refreshAudit);
  const headlines = new HeadlinesPanel(doc, api, notices, refreshAudit);

  const onKeyChange = (): void => {
    notices.clearErrors();
    keyPanel.describe(key.get() === null ? '' : 'Checking it…');
    if (key.get() !== null) void checkKey(api).then((verdict) => keyPanel.describe(verdict));
    void sources.panel.refresh();
    refreshAudit();
  };
  const keyPanel = new KeyPanel(doc, key, onKeyChange);

  const top = el(doc, 'header', 'topbar');
  const title = el(doc, 'h1', undefined, 'Newsroom admin');
  const nav = el(doc, 'nav', 'jump');
  nav.setAttribute('aria-label', 'Sections');
  for (const [id, label] of [['sources', 'Sources'], ['headlines', 'Headlines'], ['audit', 'Audit']] as const) {
    const link = el(doc, 'a', undefined, label);
    link.href = `#${id}`;
    nav.append(link);
  }
  top.append(title, nav, keyPanel.element);
  const layout = el(doc, 'main', 'layout');
  layout.append(sources.panel.element, headlines.element, audit.panel.element);
  app.replaceChildren(top, notices.element, layout);

  headlines.start();
  onKeyChange();
}

main();
