/**
 * Baseline "limit": the practical ceiling for pushing headlines over websockets from one Node
 * process. Raw `ws`, one XREAD loop, each headline serialised once into one frame payload that
 * goes to every socket, no filtering. It answers the Engine.IO/Socket.IO handshake with fixed
 * strings so the same load generator can connect. Sockets over 1 MB behind are skipped, as any
 * production server must, so an overloaded run measures throughput instead of swap.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { WebSocketServer, type WebSocket } from 'ws';
import { keys } from '../../src/streams/keys.ts';
import { decodeRawEntry, type RawStreamEntry } from '../../src/streams/serialise.ts';
import { announceReady, installAdminHook, serverEnv } from '../servers/admin-hook.ts';

const MAX_BUFFERED = 1024 * 1024;
const PING_INTERVAL_MS = 25_000;
const SUBSCRIBE_ACK = /^42(\d+)\[/;

const { redisUrl, port } = serverEnv();
const http = createServer();
const wss = new WebSocketServer({ server: http, path: '/socket.io/', perMessageDeflate: false });
let nextSid = 0;

wss.on('connection', (socket: WebSocket) => {
  const sid = `s${(nextSid += 1)}`;
  socket.send(`0{"sid":"${sid}","upgrades":[],"pingInterval":${PING_INTERVAL_MS},"pingTimeout":20000,"maxPayload":1000000}`);
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8', 0, Math.min(data.length, 32));
    if (text === '40') socket.send(`40{"sid":"${sid}"}`);
    else {
      const ack = SUBSCRIBE_ACK.exec(text);
      if (ack?.[1] !== undefined) socket.send(`43${ack[1]}[{"ok":true,"channels":[],"headlines":[],"recovered":false}]`);
    }
  });
});

const ping = setInterval(() => {
  for (const socket of wss.clients) socket.send('2');
}, PING_INTERVAL_MS);

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
        const frame = Buffer.from(`42["headlines",[${JSON.stringify(headline)}]]`);
        for (const socket of wss.clients) if (socket.bufferedAmount < MAX_BUFFERED) socket.send(frame, { binary: false });
      }
    }
  }
}

await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
const loop = readLoop();
installAdminHook(async () => {
  running = false;
  clearInterval(ping);
  reader.disconnect();
  await loop.catch(() => undefined);
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  http.close();
});
announceReady((http.address() as AddressInfo).port);
