/**
 * The wall-screen dashboard (GET /dashboard): one socket for every column's channel, each
 * headline routed on the client to exactly the columns whose channel it matches.
 */
import type { HeadlineChange, Headline } from '../../protocol/events.ts';
import { channelLabel, isKnownChannel, toVocabulary, type Vocabulary } from '../../browser/channels.ts';
import { openFeed } from '../../browser/feed.ts';
import { createTimeFormatter } from '../../browser/format.ts';
import { toHeadline } from '../../browser/safety.ts';
import { BreakingBanner } from './banner.ts';
import { failingSources, SourcesStrip, TopBar } from './chrome.ts';
import { Column } from './column.ts';
import { parseDashboardParams } from './params.ts';

const SOURCES_POLL_MS = 30_000;

async function getJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as unknown;
}

async function loadVocabulary(): Promise<Vocabulary | undefined> {
  try {
    return toVocabulary(await getJson('/api/channels'));
  } catch {
    // Labels fall back to prettified slugs; the dashboard still works.
  }
  return undefined;
}

/** Older headlines for a column the shared backlog left short (oldest first, as the API gives them). */
async function backfill(column: Column, max: number): Promise<void> {
  try {
    const body = await getJson(`/api/headlines?channel=${encodeURIComponent(column.channel)}&limit=${max}`);
    const list = typeof body === 'object' && body !== null ? (body as { headlines?: unknown }).headlines : undefined;
    if (!Array.isArray(list)) return;
    column.add(
      list.map(toHeadline).filter((headline) => headline !== null),
      false,
    );
  } catch {
    // Best effort: live headlines fill the column anyway.
  }
}

async function main(): Promise<void> {
  const params = parseDashboardParams(location.search);
  document.title = `${params.title} · News Ticker`;
  document.documentElement.classList.add(params.theme);
  const app = document.getElementById('app') ?? document.body;
  const top = new TopBar(document, params.title, { timeZone: params.timeZone, format: params.clock });
  const banner = new BreakingBanner(document, params.breakingMinutes * 60_000);
  const grid = document.createElement('main');
  grid.className = 'columns';
  const strip = new SourcesStrip(document);
  app.replaceChildren(top.element, banner.element, grid, strip.element);

  const vocabulary = await loadVocabulary();
  const times = createTimeFormatter({ timeZone: params.timeZone, format: params.clock });
  const settings = { max: params.max, staleMs: params.staleMinutes * 60_000, breakingMs: params.breakingMinutes * 60_000, times, updatedLabel: 'updated' };
  const columns = params.columns.map((channel) => new Column(document, channel, channelLabel(channel, vocabulary), settings));
  grid.append(...columns.map((c) => c.element));
  const live = columns.filter((column) => {
    if (vocabulary === undefined || isKnownChannel(column.channel, vocabulary)) return true;
    column.markUnknown();
    return false;
  });

  // Each column keeps what matches its channel; corrections and retractions apply where the
  // headline is shown, and a correction that moves it out of a column's channel takes it out.
  const route = (headlines: readonly Headline[], highlight: boolean): void => {
    for (const column of live) column.add(headlines, highlight);
    for (const headline of headlines) banner.offer(headline);
  };
  const applyChanges = (changes: readonly HeadlineChange[]): void => {
    for (const column of live) column.apply(changes);
    for (const change of changes) {
      if (change.type === 'retract') banner.retract(change.headline.id);
      else banner.offer(change.headline);
    }
  };
  // The first backlog fills the columns quietly; anything after it (live or resumed) is highlighted.
  let first = true;
  if (live.length > 0) {
    openFeed({
      server: location.origin,
      channels: live.map((c) => c.channel),
      limit: Math.min(500, params.max * live.length),
      onHeadlines: (headlines, kind) => route(headlines, kind === 'live' || !first),
      onChanges: applyChanges,
      onStatus: (status, detail) => {
        top.setStatus(status, detail);
        if (status !== 'live' || !first) return;
        first = false;
        for (const column of live) if (column.size < params.max) void backfill(column, params.max);
      },
    });
  } else top.setStatus('failed', 'no known channel');

  window.addEventListener('resize', () => {
    for (const column of columns) column.fit();
  });
  setInterval(() => {
    const now = new Date();
    top.tick(now);
    if (now.getSeconds() % 15 === 0) for (const column of columns) column.refresh(now);
  }, 1000);

  const pollSources = async (): Promise<void> => {
    try {
      strip.show(failingSources(await getJson('/api/sources')));
    } catch {
      strip.show(null);
    }
  };
  void pollSources();
  setInterval(() => void pollSources(), SOURCES_POLL_MS);
}

void main();
