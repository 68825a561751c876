/**
 * How much output a connection holds that the client has not taken yet: engine.io's write
 * buffer (packets waiting for the transport) plus the WebSocket's own send buffer.
 * Engine.io keeps both private, so they are read structurally and defensively.
 */
import { field } from './engine-internals.ts';

function packetBytes(packet: unknown): number {
  const data = field(packet, 'data');
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

/** Bytes queued for `conn` (an engine.io Socket) that the peer has not received. */
export function bufferedBytes(conn: unknown): number {
  let total = 0;
  const writeBuffer = field(conn, 'writeBuffer');
  if (Array.isArray(writeBuffer)) for (const packet of writeBuffer as unknown[]) total += packetBytes(packet);
  const ws = field(field(conn, 'transport'), 'socket');
  const amount = field(ws, 'bufferedAmount');
  if (typeof amount === 'number') total += amount;
  return total;
}

/**
 * Destroys the TCP connection under a WebSocket transport at once. Closing the transport
 * only starts a close handshake that queues behind the unsent output, so for a peer that
 * stopped reading, ws would hold that output (and the connection) for its 30 s close timeout.
 * Polling transports hold nothing once engine.io discards its write buffer; they are left as is.
 */
export function terminateTransport(conn: unknown): void {
  const ws = field(field(conn, 'transport'), 'socket');
  const terminate = field(ws, 'terminate');
  if (typeof terminate === 'function') terminate.call(ws);
}
