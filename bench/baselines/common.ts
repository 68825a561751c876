/**
 * What the Socket.IO baselines share: parsing a subscribe/unsubscribe payload the way the
 * protocol asks, and the one blocking XREAD loop on the all-stream that every server under
 * test runs (batches of up to 100 entries, as the gateway reads them).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { parseChannel, type Channel } from '../../src/channels/channel.ts';
import type { Headline } from '../../src/headlines/headline.ts';
import type { Socket } from 'socket.io';
import type { ClientToServerEvents, FailureAck, InterServerEvents, ServerToClientEvents, SubscribeAck, UnsubscribeAck } from '../../src/protocol/events.ts';
import { keys } from '../../src/streams/keys.ts';
import { decodeEntries, type RawStreamEntry } from '../../src/streams/serialise.ts';
import { announceReady, installAdminHook, serverEnv } from '../servers/admin-hook.ts';

function parseChannels(raw: unknown): Channel[] | FailureAck {
  const list = (raw as { channels?: unknown } | undefined)?.channels;
  if (!Array.isArray(list) || list.length === 0 || list.length > 50) return { ok: false, error: { code: 'BAD_CHANNEL', message: 'channels must be a list of 1–50 channels' } };
  const channels: Channel[] = [];
  for (const name of list) {
    const parsed = parseChannel(name);
    if (!parsed.ok) return { ok: false, error: { code: 'BAD_CHANNEL', message: parsed.reason } };
    channels.push(parsed.channel);
  }
  return channels;
}

type BaselineSocket<Data> = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, Data>;

/** Answers `subscribe` and `unsubscribe` on `socket`: a bad payload is refused, a good one handed on. */
export function answerChannelRequests<Data>(
  socket: BaselineSocket<Data>,
  handlers: { subscribe(channels: Channel[]): SubscribeAck; unsubscribe(channels: Channel[]): UnsubscribeAck },
): void {
  socket.on('subscribe', (request, ack) => {
    if (typeof ack !== 'function') return;
    const parsed = parseChannels(request);
    ack(Array.isArray(parsed) ? handlers.subscribe(parsed) : parsed);
  });
  socket.on('unsubscribe', (request, ack) => {
    if (typeof ack !== 'function') return;
    const parsed = parseChannels(request);
    ack(Array.isArray(parsed) ? handlers.unsubscribe(parsed) : parsed);
  });
}

export interface AllStreamLoop {
  stop(): Promise<void>;
}

/** Reads every new headline of the bench Redis's all-stream and hands each XREAD batch to `onBatch`. */
export function readAllStream(onBatch: (headlines: Headline[]) => void): AllStreamLoop {
  const reader = new Redis(serverEnv().redisUrl, { maxRetriesPerRequest: null });
  let running = true;
  const loop = (async () => {
    let last = '$';
    while (running) {
      const result: [string, RawStreamEntry[]][] | null = await reader.xread('COUNT', 100, 'BLOCK', 1000, 'STREAMS', keys.allStream, last);
      for (const [, entries] of result ?? []) {
        last = entries[entries.length - 1]?.[0] ?? last;
        const batch = decodeEntries(entries, () => undefined);
        if (batch.length > 0) onBatch(batch);
      }
    }
  })();
  return {
    stop: async () => {
      running = false;
      reader.disconnect();
      await loop.catch(() => undefined);
    },
  };
}

/** Listens on the bench's port, stops the loop and the server when the runner says so, and announces readiness. */
export async function serveBaseline(http: Server, loop: AllStreamLoop, close: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => http.listen(serverEnv().port, '127.0.0.1', resolve));
  installAdminHook(async () => {
    await loop.stop();
    await close();
  });
  announceReady((http.address() as AddressInfo).port);
}
