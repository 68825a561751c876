/**
 * Baseline "naive": what a capable developer writes in an afternoon with socket.io's defaults.
 * One blocking XREAD loop on the all-stream; for every headline, every socket's channels are
 * checked and matching sockets get their own emit (so the packet is encoded once per socket).
 * It speaks the live part of the public protocol (subscribe/unsubscribe with acks, `headlines`
 * events); the backlog and resume are left out because the bench measures the live path.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { Channel } from '../../src/channels/channel.ts';
import { matchesChannel } from '../../src/protocol/channels.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from '../../src/protocol/events.ts';
import { answerChannelRequests, readAllStream, serveBaseline } from './common.ts';

interface SocketData {
  channels: Channel[];
}

const http = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(http);

io.on('connection', (socket) => {
  socket.data.channels = [];
  answerChannelRequests(socket, {
    subscribe: (channels) => {
      const byName = new Map(socket.data.channels.map((channel) => [channel.name, channel]));
      for (const channel of channels) byName.set(channel.name, channel);
      socket.data.channels = [...byName.values()];
      return { ok: true, channels: [...byName.keys()], headlines: [], recovered: false };
    },
    unsubscribe: (channels) => {
      const leaving = new Set(channels.map((channel) => channel.name));
      socket.data.channels = socket.data.channels.filter((channel) => !leaving.has(channel.name));
      return { ok: true, channels: socket.data.channels.map((channel) => channel.name) };
    },
  });
});

const loop = readAllStream((batch) => {
  for (const headline of batch) {
    for (const socket of io.sockets.sockets.values()) {
      if (socket.data.channels.some((channel) => matchesChannel(headline, channel.name))) socket.emit('headlines', [headline]);
    }
  }
});
await serveBaseline(http, loop, () => io.close());
