/**
 * Baseline "rooms": what a Socket.IO user writes from the documentation. One room per channel;
 * `subscribe` joins the channels' rooms. For each headline, one `io.to(rooms).emit(...)` to
 * the rooms of every channel it belongs to (its topics and regions, each with `*`): Socket.IO
 * encodes the packet once and writes each socket in any of those rooms once. Like the naive
 * baseline it speaks the live part of the protocol; backlog and resume are left out.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { channelsOf } from '../../src/protocol/channels.ts';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents } from '../../src/protocol/events.ts';
import { answerChannelRequests, readAllStream, serveBaseline } from './common.ts';

const http = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>(http);

io.on('connection', (socket) => {
  const joined = (): string[] => [...socket.rooms].filter((room) => room !== socket.id);
  answerChannelRequests(socket, {
    subscribe: (channels) => {
      void socket.join(channels.map((channel) => channel.name));
      return { ok: true, channels: joined(), headlines: [], recovered: false };
    },
    unsubscribe: (channels) => {
      for (const channel of channels) void socket.leave(channel.name);
      return { ok: true, channels: joined() };
    },
  });
});

const loop = readAllStream((batch) => {
  for (const headline of batch) io.to(channelsOf(headline)).emit('headlines', [headline]);
});
await serveBaseline(http, loop, () => io.close());
