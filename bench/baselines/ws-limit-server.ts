/**
 * Baselines "limit" and "limit-batch": the practical ceiling for pushing headlines over
 * websockets from one Node process. Raw `ws`, one XREAD loop, no filtering: every socket gets
 * everything. `limit` sends one frame per headline; `limit-batch` (LIMIT_FRAMES=batch) sends
 * one frame per XREAD batch, as the gateway does, so that ours/limit-batch compares like with
 * like. Each frame payload is serialised once for all sockets. It answers the Engine.IO /
 * Socket.IO handshake with fixed strings so that the same load generator can connect. Sockets
 * over 1 MB behind are skipped, as any production server must, so an overloaded run measures
 * throughput instead of swap.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Headline } from '../../src/headlines/headline.ts';
import { readAllStream, serveBaseline } from './common.ts';

const MAX_BUFFERED = 1024 * 1024;
const PING_INTERVAL_MS = 25_000;
const SUBSCRIBE_ACK = /^42(\d+)\[/;
const perBatch = process.env.LIMIT_FRAMES === 'batch';

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

function sendToAll(headlines: readonly Headline[]): void {
  const frame = Buffer.from(`42["headlines",${JSON.stringify(headlines)}]`);
  for (const socket of wss.clients) if (socket.bufferedAmount < MAX_BUFFERED) socket.send(frame, { binary: false });
}

const loop = readAllStream((batch) => {
  if (perBatch) sendToAll(batch);
  else for (const headline of batch) sendToAll([headline]);
});
await serveBaseline(http, loop, async () => {
  clearInterval(ping);
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  http.close();
});
