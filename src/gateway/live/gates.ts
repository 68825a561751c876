/**
 * Gates: where a subscriber's live entries wait while its backlog is read. A gate buffers what
 * its subscriber would have been sent, and is released once the live loop has passed the
 * backlog's boundary (../handover/boundary.ts says which buffered entries are then delivered).
 */
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { compareStreamIds } from '../../protocol/stream-id.ts';
import { matchesAny } from './channel-set.ts';
import type { LiveEntry } from './live-entry.ts';

export type GateOutcome = { ok: true; buffered: readonly LiveEntry[] } | { ok: false; reason: 'overflow' };

export class Gate {
  readonly buffer: LiveEntry[] = [];
  boundary: string | undefined;
  onReady: ((outcome: GateOutcome) => void) | undefined;
  released = false;

  constructor(readonly channels: readonly string[]) {}
}

/** An entry of a live batch with the channel names it is delivered on. */
export interface TaggedEntry<T extends LiveEntry = LiveEntry> {
  readonly entry: T;
  readonly names: ReadonlySet<string>;
}

export class Gates {
  private readonly open = new Set<Gate>();

  constructor(
    private readonly deps: { logger: Logger; metrics: Metrics },
    /** A gate holding more than this many entries fails (its subscriber is dropped and resumes). */
    private readonly maxBuffer: number,
  ) {}

  get count(): number {
    return this.open.size;
  }

  add(channels: readonly string[]): Gate {
    const gate = new Gate([...channels]);
    this.open.add(gate);
    return gate;
  }

  /** Hands the buffer to `onReady` once `position` has passed `boundary` (at once when it has). */
  release(gate: Gate, boundary: string | undefined, onReady: (outcome: GateOutcome) => void, position: string | undefined): void {
    if (!this.open.has(gate)) return;
    gate.boundary = boundary;
    gate.onReady = onReady;
    this.releaseIfPassed(gate, position);
  }

  remove(gate: Gate): void {
    this.open.delete(gate);
  }

  /** Buffers a batch's entries in every gate whose channels they match. */
  buffer(tagged: readonly TaggedEntry[]): void {
    for (const gate of this.open) {
      for (const t of tagged) if (matchesAny(gate.channels, t.names)) gate.buffer.push(t.entry);
    }
  }

  /** After a batch: fails the gates that overflowed and releases those whose boundary is passed. */
  settle(position: string): void {
    for (const gate of [...this.open]) {
      // One subscriber's failing hand-over must not hold up the others'.
      try {
        if (gate.buffer.length > this.maxBuffer) {
          this.open.delete(gate);
          gate.onReady?.({ ok: false, reason: 'overflow' });
          continue;
        }
        this.releaseIfPassed(gate, position);
      } catch (error) {
        this.deps.metrics.errors.inc({ component: 'broadcast', code: 'GATE_RELEASE' });
        this.deps.logger.error({ err: error }, 'gate release failed');
      }
    }
  }

  private releaseIfPassed(gate: Gate, position: string | undefined): void {
    if (gate.onReady === undefined || gate.released) return;
    if (position === undefined) return;
    if (gate.boundary !== undefined && compareStreamIds(position, gate.boundary) < 0) return;
    gate.released = true;
    this.open.delete(gate);
    gate.onReady({ ok: true, buffered: gate.buffer });
  }
}
