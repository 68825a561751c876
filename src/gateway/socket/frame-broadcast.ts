/**
 * The live broadcast's write path: one encode and one WebSocket frame per broadcast, written
 * straight to each WebSocket's sender.
 *
 * Socket.IO's room broadcast already encodes once, but then hands the frame to every socket
 * through engine.io's per-packet machinery: a packet object, a write buffer, `packetCreate`,
 * `flush` and `drain` events on the socket and the server, and a write callback per socket
 * that re-arms the transport on the next tick. At 5,000 clients that bookkeeping is a quarter
 * of the gateway's CPU (docs/PERFORMANCE.md), spent on nothing the live path needs.
 *
 * A socket takes the direct write only when nothing of engine.io's can be ahead of it: the
 * connection is open on the WebSocket transport, not upgrading, with an empty write buffer
 * and a writable transport. Then every earlier packet is already in the TCP socket, and the
 * frame lands after them, exactly where engine.io would have put it. Any other socket
 * (polling, mid-upgrade, output pending) gets the same packet through Socket.IO as before.
 */
import { Encoder, PacketType } from 'socket.io-parser';
import { field } from './engine-internals.ts';
import type { Headline } from '../../headlines/headline.ts';
import type { GatewayIo, GatewaySocket } from './types.ts';

/** The engine.io and ws internals the direct write relies on, checked at run time. */
interface FrameSender {
  sendFrame(list: Buffer[], callback?: (error?: Error) => void): void;
}

/**
 * ws's frame encoder (`Sender.frame`, as engine.io uses it), taken from the live sender's
 * class: that is the ws engine.io actually runs, whatever a resolver would pick for an import
 * (ws's types do not declare Sender, and vitest resolves ws to its browser stub).
 */
interface FrameBuilder {
  frame(data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }): Buffer[];
}

const TEXT_OPCODE = 1;
const WS_OPEN = 1;
/** Engine.IO's "message" packet type, prefixed to the Socket.IO packet. */
const ENGINE_MESSAGE = '4';
/** Socket.IO's default parser, which the gateway's server uses (no custom `parser` option). */
const encoder = new Encoder();

/** What the direct write reads of an engine.io connection; all of it checked before use. */
interface EngineConnView {
  readyState?: unknown;
  upgrading?: unknown;
  writeBuffer?: unknown[];
  transport?: { name?: unknown; writable?: unknown; socket?: { readyState?: unknown; _sender?: Partial<FrameSender> } };
}

/** The WebSocket sender to write to directly, or undefined when engine.io must queue the packet. */
function directSender(conn: unknown): FrameSender | undefined {
  // Plain property reads on one view type: this runs once per socket per broadcast.
  const view = conn as EngineConnView | null | undefined;
  if (view?.readyState !== 'open' || view.upgrading === true || view.writeBuffer?.length !== 0) return undefined;
  const transport = view.transport;
  if (transport?.name !== 'websocket' || transport.writable !== true) return undefined;
  const ws = transport.socket;
  if (ws?.readyState !== WS_OPEN) return undefined;
  const sender = ws._sender;
  return typeof sender?.sendFrame === 'function' ? (sender as FrameSender) : undefined;
}

export interface FrameBroadcastStats {
  direct: number;
  queued: number;
}

/**
 * Sends `headlines` as one `headlines` event to every socket of `groups`, and counts how the
 * sockets were reached. A socket is in one group at most (see broadcaster.ts), so each is
 * written once without a per-broadcast set of the sockets already written.
 */
export function broadcastHeadlines(io: GatewayIo, groups: readonly ReadonlySet<GatewaySocket>[], headlines: readonly Headline[]): FrameBroadcastStats {
  const nsp = io.of('/');
  const data = [...headlines];
  // Encoded as Socket.IO's own broadcast encodes it, so the bytes are what a client expects.
  const [encoded] = encoder.encode({ type: PacketType.EVENT, nsp: nsp.name, data: ['headlines', data] }) as unknown[];
  let frame: Buffer[] | undefined;
  let direct = 0;
  const queued: string[] = [];
  for (const group of groups) {
    for (const socket of group) {
      const sender = typeof encoded === 'string' ? directSender(socket.conn) : undefined;
      if (sender !== undefined) frame ??= toFrame(sender, encoded as string);
      if (sender !== undefined && frame !== undefined) {
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

/** One buffer holding header and payload: a single write per socket instead of a writev of two. */
function toFrame(sender: FrameSender, packet: string): Buffer[] | undefined {
  const builder = field(sender, 'constructor');
  if (typeof field(builder, 'frame') !== 'function') return undefined;
  const parts = (builder as FrameBuilder).frame(Buffer.from(ENGINE_MESSAGE + packet), { readOnly: false, mask: false, rsv1: false, opcode: TEXT_OPCODE, fin: true });
  return [Buffer.concat(parts)];
}
