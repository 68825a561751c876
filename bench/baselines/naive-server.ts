/**
 * Baseline "naive": what a capable developer writes in an afternoon with socket.io's defaults.
 * One blocking XREAD loop on the all-stream; for every headline, every socket's channels are
 * checked and matching sockets get their own emit (so the packet is encoded once per socket).
 * It speaks the live part of the public protocol (subscribe/unsubscribe with acks, `headlines`
 * events); the backlog and resume are left out because the bench measures the live path.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { matchesChannel, parseChannel, type Channel } from '../../src/channels/channel.ts';
import type { ClientToServerEvents, FailureAck, InterServerEvents, ServerToClientEvents } from '../../src/protocol/events.ts';
import { keys } from '../../src/streams/keys.ts';
import { decodeRawEntry, type RawStreamEntry } from '../../src/streams/serialise.ts';
import { announceReady, installAdminHook, serverEnv } from '../servers/admin-hook.ts';

interface SocketData {
  channels: Channel[];
}

const { redisUrl, port } = serverEnv();
const http = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http);

function parseAll(raw: unknown): Channel[] | FailureAck {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 50) return { ok: false, error: { code: 'BAD_CHANNEL', message: 'channels must be a list of 1–50 channels' } };
  const channels: Channel[] = [];
  for (const name of raw) {
    const parsed = parseChannel(name);
    if (!parsed.ok) return { ok: false, error: { code: 'BAD_CHANNEL', message: parsed.reason } };
    channels.push(parsed.channel);
  }
  return channels;
}

io.on('connection', (socket) => {
  socket.data.channels = [];
  socket.on('subscribe', (request, ack) => {
    if (typeof ack !== 'function') return;
    const parsed = parseAll((request as { channels?: unknown } | undefined)?.channels);
    if (!Array.isArray(parsed)) {
      ack(parsed);
      return;
    }
    const byName = new Map(socket.data.channels.map((channel) => [channel.name, channel]));
    for (const channel of parsed) byName.set(channel.name, channel);
    socket.data.channels = [...byName.values()];
    ack({ ok: true, channels: [...byName.keys()], headlines: [], recovered: false });
  });
  socket.on('unsubscribe', (request, ack) => {
    if (typeof ack !== 'function') return;
    const parsed = parseAll((request as { channels?: unknown } | undefined)?.channels);
    if (!Array.isArray(parsed)) {
      ack(parsed);
      return;
    }
    const leaving = new Set(parsed.map((channel) => channel.name));
    socket.data.channels = socket.data.channels.filter((channel) => !leaving.has(channel.name));
    ack({ ok: true, channels: socket.data.channels.map((channel) => channel.name) });
  });
});

const reader = new Redis(redisUrl, { maxRetriesPerRequest: null });
let running = true;

async function readLoop(): Promise<void> {
  let last = '$';
  while (running) {
    const result: [string, RawStreamEntry[]][] | null = await reader.xread('COUNT', 100, 'BLOCK', 1000, 'STREAMS', keys.allStream, last);
    for (const [, entries] of result ?? []) {
      for (const entry of entries) {
        last = entry[0];
        const headline = decodeRawEntry(entry);
        if (headline === undefined) continue;
        for (const socket of io.sockets.sockets.values()) {
          if (socket.data.channels.some((channel) => matchesChannel(channel, headline))) socket.emit('headlines', [headline]);
        }
      }
    }
  }
}

await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
const loop = readLoop();
installAdminHook(async () => {
  running = false;
  reader.disconnect();
  await loop.catch(() => undefined);
  await io.close();
});
announceReady((http.address() as AddressInfo).port);
