/**
 * The headlines a view keeps, as pure state (no DOM): at most `max`, ordered newest first by
 * when they were published (a story that arrives late sits among its peers, not on top), with
 * breaking headlines first for `breakingMs`, and corrections and retractions applied. The
 * widget's layouts and the dashboard's columns render from it.
 */
import type { HeadlineChange, Headline } from '../protocol/events.ts';
import { compareStreamIds } from '../protocol/stream-id.ts';
import { headlineDate } from './format.ts';

interface Entry {
  headline: Headline;
  /** Sort time: published, else received (ms). */
  at: number;
  /** Until when a breaking headline stays first (ms); 0 for the others. */
  pinnedUntil: number;
}

export interface ChangeEffects {
  /** Ids no longer kept (retracted, or no longer matching). */
  removed: string[];
  /** Kept headlines as they now stand. */
  updated: Headline[];
}

/** Until when a headline stays first: `breakingMs` from when it became breaking (0 when it is not). */
export function pinnedUntil(headline: Headline, breakingMs: number, now: number): number {
  if (headline.priority !== 'breaking') return 0;
  // From when it became breaking as the server tells it, so a backlog hours old is not pinned.
  const since = Date.parse(headline.updatedAt ?? headline.receivedAt);
  return (Number.isNaN(since) ? now : Math.min(since, now)) + breakingMs;
}

export class HeadlineSet {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly max: number,
    private readonly breakingMs: number,
    /** False for a headline this view does not show (a correction may move it out of the view's channels). */
    private readonly accepts: (headline: Headline) => boolean = () => true,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): Headline | undefined {
    return this.entries.get(id)?.headline;
  }

  private entry(headline: Headline, now: number): Entry {
    return { headline, at: headlineDate(headline)?.getTime() ?? 0, pinnedUntil: pinnedUntil(headline, this.breakingMs, now) };
  }

  /** Adds what is new; answers the added ones and the ids dropped to stay within `max`. */
  add(headlines: readonly Headline[], now: number): { added: Headline[]; dropped: string[] } {
    const added: Headline[] = [];
    for (const headline of headlines) {
      if (this.entries.has(headline.id) || !this.accepts(headline)) continue;
      this.entries.set(headline.id, this.entry(headline, now));
      added.push(headline);
    }
    const dropped = this.trim(now);
    return { added: added.filter((h) => !dropped.includes(h.id)), dropped };
  }

  /** Applies corrections and retractions to the headlines kept; others are not this view's business. */
  apply(changes: readonly HeadlineChange[], now: number): ChangeEffects {
    const removed: string[] = [];
    const updated = new Map<string, Headline>();
    for (const change of changes) {
      const id = change.headline.id;
      const kept = this.entries.get(id);
      if (kept === undefined) continue;
      if (change.type === 'retract' || !this.accepts(change.headline)) {
        this.entries.delete(id);
        updated.delete(id);
        removed.push(id);
        continue;
      }
      const next = this.entry(change.headline, now);
      // Still breaking: keep the time it was first pinned rather than restarting the clock.
      if (next.pinnedUntil > 0 && kept.pinnedUntil > 0) next.pinnedUntil = kept.pinnedUntil;
      this.entries.set(id, next);
      updated.set(id, change.headline);
    }
    return { removed, updated: [...updated.values()] };
  }

  private isPinned(entry: Entry, now: number): boolean {
    return entry.pinnedUntil > now;
  }

  /** Pinned breaking ones first, then newest published first; ties by id (arrival), newest first. */
  ordered(now: number): Headline[] {
    return [...this.entries.values()]
      .sort((a, b) => Number(this.isPinned(b, now)) - Number(this.isPinned(a, now)) || b.at - a.at || compareStreamIds(b.headline.id, a.headline.id))
      .map((entry) => entry.headline);
  }

  /** True while the headline is pinned first as breaking. */
  isBreaking(id: string, now: number): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && this.isPinned(entry, now);
  }

  /** When the next breaking headline stops being pinned (ms), or undefined. */
  nextUnpin(now: number): number | undefined {
    let next: number | undefined;
    for (const entry of this.entries.values()) if (entry.pinnedUntil > now && (next === undefined || entry.pinnedUntil < next)) next = entry.pinnedUntil;
    return next;
  }

  private trim(now: number): string[] {
    if (this.entries.size <= this.max) return [];
    const dropped = this.ordered(now)
      .slice(this.max)
      .map((headline) => headline.id);
    for (const id of dropped) this.entries.delete(id);
    return dropped;
  }
}
