/**
 * A failover while headlines flow, as publishers and readers see it: a publisher posts a
 * headline every 50 ms, Socket.IO clients are subscribed, then `kill` takes the Redis master
 * away (`kill` resolves once its process is gone). Measured: the time until the service is ready and acknowledges publishes again, the
 * acknowledged publishes the failover lost, and what the clients got once they resumed with
 * `since` (every client reconnects after the failover): duplicates and misses.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunningService } from '../../src/app/service.ts';
import { MAX_LIMIT } from '../../src/gateway/handover/backlog.ts';
import { createClient, deliveryReport, type TickerClient } from './socket-client.ts';
import { waitFor } from './wait.ts';
import { publishHeadline } from './whole-flow.ts';

const CLIENTS = 4;
const PUBLISH_EVERY_MS = 50;

export interface FailoverFigures {
  /** From the kill until /readyz answers 200 and a publish sent after the kill is acknowledged. */
  readyAgainMs: number;
  acknowledged: number;
  /** Acknowledged (201) but no longer stored after the failover. */
  lost: number;
  /** How long before the kill each lost publish was acknowledged. */
  lostAckedBeforeKillMs: number[];
  /** How long before the kill the last publish acknowledged before it was (a held-back replica stops `replica` acknowledgements). */
  lastAckBeforeKillMs: number;
  /** Lost ones the clients had already received live: headlines they saw that no longer exist. */
  deliveredThenLost: number;
  /** Publishes not acknowledged (503, or no answer within 5 s): the publisher knows to retry them. */
  unacknowledged: number;
  /** Of those, answered 503 NOT_REPLICATED (stored on a master, not confirmed by a replica). */
  notReplicated: number;
  /** Over every client: headlines received more than once, and stored ones never received. */
  duplicates: number;
  missed: number;
  /** Resumes answered `recovered: true`, of CLIENTS. */
  recovered: number;
}

interface Acknowledged {
  id: string;
  sentAt: number;
  ackedAt: number;
}

/** Publishes until `stop` is set; records what was acknowledged and when. */
function publishLoop(service: RunningService, label: string): { acked: Acknowledged[]; refused: () => { all: number; notReplicated: number }; stop: () => Promise<void> } {
  const acked: Acknowledged[] = [];
  let unacknowledged = 0;
  let notReplicated = 0;
  let flowing = true;
  const loop = (async () => {
    for (let seq = 1; flowing; seq += 1) {
      const sentAt = Date.now();
      try {
        const reply = await publishHeadline(service.url, `${label} ${seq}`, { topics: ['politics'], regions: ['az'] });
        if (reply.status === 201 && reply.id !== undefined) acked.push({ id: reply.id, sentAt, ackedAt: Date.now() });
        else unacknowledged += 1;
        if (reply.error?.code === 'NOT_REPLICATED') notReplicated += 1;
      } catch {
        unacknowledged += 1; // cut off by its timeout during the failover
      }
      await sleep(PUBLISH_EVERY_MS);
    }
  })();
  return {
    acked,
    refused: () => ({ all: unacknowledged, notReplicated }),
    stop: async () => {
      flowing = false;
      await loop;
    },
  };
}

/**
 * The ids stored now, once the read has every publish acknowledged after the failover: history
 * may come from a replica, and one that has the last of them has everything before it too.
 */
async function storedIds(service: RunningService, lastAcked: string): Promise<string[]> {
  return waitFor(
    async () => {
      const reply = (await (await fetch(`${service.url}/api/headlines?limit=${MAX_LIMIT}`)).json()) as { headlines: { id: string }[] };
      const ids = reply.headlines.map((headline) => headline.id);
      return ids.includes(lastAcked) ? ids : undefined;
    },
    { what: 'history to hold the last acknowledged publish' },
  );
}

function recovered(client: TickerClient): boolean {
  const ack = client.acks[client.acks.length - 1];
  return ack?.ok === true && ack.recovered;
}

/** Every client reconnects and resumes from the last id it saw; resolves once each has its new ack. */
async function resumeAll(clients: readonly TickerClient[]): Promise<void> {
  const before = clients.map((client) => client.acks.length);
  for (const client of clients) client.socket.disconnect().connect();
  await waitFor(() => clients.every((client, index) => client.acks.length > (before[index] ?? 0)), { timeoutMs: 20_000, what: 'every client to resume' });
}

export async function publishThroughFailover(service: RunningService, kill: () => Promise<unknown>, label: string): Promise<FailoverFigures> {
  const clients = Array.from({ length: CLIENTS }, () => createClient(service.url, { channels: ['*/*'], limit: 1 }));
  const publisher = publishLoop(service, label);
  try {
    await waitFor(() => clients.every((client) => client.acks[0]?.ok === true), { what: 'the clients subscribed' });
    await waitFor(() => publisher.acked.length >= 10, { what: 'publishes flowing before the failover' });

    await kill(); // resolves once the master's process is gone
    const killedAt = Date.now();
    const readyAgainMs = await waitFor(
      async () => {
        const ready = (await fetch(`${service.url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200;
        const publishing = publisher.acked.some((ack) => ack.sentAt > killedAt);
        return ready && publishing ? Date.now() - killedAt : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: 'ready and publishing again after the failover' },
    );
    const countAfter = publisher.acked.length;
    await waitFor(() => publisher.acked.length >= countAfter + 10, { timeoutMs: 20_000, what: 'publishes flowing after the failover' });
    await publisher.stop();

    await resumeAll(clients);
    const stored = await storedIds(service, publisher.acked[publisher.acked.length - 1]?.id ?? '');
    const storedSet = new Set(stored);
    const lostAcks = publisher.acked.filter((ack) => !storedSet.has(ack.id));
    const expected = stored.filter((id) => publisher.acked.some((ack) => ack.id === id));
    // Stored headlines reach the clients after their resume, live or in the ack; one still
    // missing after 10 s is counted in `missed` below rather than thrown here.
    await waitFor(() => clients.every((client) => deliveryReport(expected, client.received).lost === 0), { timeoutMs: 10_000 }).then(
      () => undefined,
      () => undefined,
    );
    const reports = clients.map((client) => deliveryReport(expected, client.received));
    return {
      readyAgainMs,
      acknowledged: publisher.acked.length,
      lost: lostAcks.length,
      lostAckedBeforeKillMs: lostAcks.map((ack) => killedAt - ack.ackedAt),
      lastAckBeforeKillMs: killedAt - Math.max(...publisher.acked.filter((ack) => ack.ackedAt <= killedAt).map((ack) => ack.ackedAt)),
      deliveredThenLost: lostAcks.filter((ack) => clients.some((client) => client.received.some((headline) => headline.id === ack.id))).length,
      unacknowledged: publisher.refused().all,
      notReplicated: publisher.refused().notReplicated,
      duplicates: reports.reduce((sum, report) => sum + report.duplicated, 0),
      missed: reports.reduce((sum, report) => sum + report.lost, 0),
      recovered: clients.filter(recovered).length,
    };
  } finally {
    await publisher.stop();
    for (const client of clients) client.close();
  }
}

/** One line for the test output, naming the setup. */
export function describeFailover(setup: string, figures: FailoverFigures): string {
  const lostAges = figures.lostAckedBeforeKillMs.length === 0 ? '' : ` (acknowledged ${figures.lostAckedBeforeKillMs.join(', ')} ms before the kill)`;
  return (
    `${setup}: ready and publishing again ${figures.readyAgainMs} ms after the master was killed; ` +
    `${figures.acknowledged} publishes acknowledged, ${figures.lost} of them lost${lostAges}, ${figures.deliveredThenLost} of those already delivered live; ` +
    `the last acknowledged ${figures.lastAckBeforeKillMs} ms before the kill; ${figures.unacknowledged} not acknowledged (${figures.notReplicated} NOT_REPLICATED); ` +
    `${CLIENTS} clients resumed (${figures.recovered} recovered), ${figures.duplicates} duplicates, ${figures.missed} missed`
  );
}
