/**
 * The live broadcast's write path: one encode, and on the direct path one WebSocket frame per
 * broadcast written straight to each WebSocket's sender (engine-adapter.ts).
 *
 * Socket.IO's room broadcast already encodes once, but then hands the frame to every socket
 * through engine.io's per-packet machinery: a packet object, a write buffer, `packetCreate`,
 * `flush` and `drain` events on the socket and the server, and a write callback per socket
 * that re-arms the transport on the next tick. At 5,000 clients that bookkeeping is a quarter
 * of the gateway's CPU (docs/PERFORMANCE.md), spent on nothing the live path needs.
 *
 * A socket takes the direct write only when nothing of engine.io's can be ahead of it (the
 * adapter says when). Any other socket (polling, mid-upgrade, output pending), and every socket
 * on the standard path, gets the same packet through Socket.IO's own broadcast.
 */
import { Encoder, PacketType } from 'socket.io-parser';
import type { Headline } from '../../headlines/headline.ts';
import type { EngineAdapter } from './engine-adapter.ts';
import type { GatewayIo, GatewaySocket } from './types.ts';

/** Engine.IO's "message" packet type, prefixed to the Socket.IO packet. */
const ENGINE_MESSAGE = '4';
/** Socket.IO's default parser, which the gateway's server uses (no custom `parser` option). */
const encoder = new Encoder();

export interface FrameBroadcastStats {
  direct: number;
  queued: number;
}

/**
 * Sends `headlines` as one `headlines` event to every socket of `groups`, and counts how the
 * sockets were reached. A socket is in one group at most (see broadcaster.ts), so each is
 * written once without a per-broadcast set of the sockets already written.
 */
export function broadcastHeadlines(io: GatewayIo, engine: EngineAdapter, groups: readonly ReadonlySet<GatewaySocket>[], headlines: readonly Headline[]): FrameBroadcastStats {
  const data = [...headlines];
  const packet = engine.direct ? encodePacket(io, data) : undefined;
  let frame: Buffer[] | undefined;
  let direct = 0;
  const queued: string[] = [];
  for (const group of groups) {
    for (const socket of group) {
      const sender = packet === undefined ? undefined : engine.directSender(socket.conn);
      if (sender !== undefined && packet !== undefined) {
        frame ??= engine.textFrame(packet);
        sender.sendFrame(frame);
        direct += 1;
      } else if (socket.connected) {
        queued.push(socket.id);
      }
    }
  }
  // The rest through Socket.IO's own broadcast (each socket's id is a room): still one encode.
  if (queued.length > 0) io.local.to(queued).emit('headlines', data);
  return { direct, queued: queued.length };
}

/** The Engine.IO message as Socket.IO's own broadcast encodes it, so the bytes are what a client expects. */
function encodePacket(io: GatewayIo, data: Headline[]): string | undefined {
  const [encoded] = encoder.encode({ type: PacketType.EVENT, nsp: io.of('/').name, data: ['headlines', data] }) as unknown[];
  return typeof encoded === 'string' ? ENGINE_MESSAGE + encoded : undefined;
}
