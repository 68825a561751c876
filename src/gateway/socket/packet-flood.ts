/**
 * Disconnects a connection that sends more than `limitPerSecond` Socket.IO messages within one
 * second, whatever the events are. The event rate limit answers the events the gateway handles
 * (`subscribe`, `unsubscribe`) with RATE_LIMITED; an event without a handler is decoded and then
 * dropped by socket.io, and this guard is what stops a client from spending the gateway's CPU on
 * a stream of those.
 *
 * Counts live in one map that is cleared every second, so an idle connection costs only the
 * listener, which is one function shared by all connections (engine.io calls it with the
 * connection as `this`). A flood that straddles a clearing gets at most twice the limit.
 */
import type { Socket as EngineSocket } from 'engine.io';

export interface PacketFloodGuard {
  /** Starts counting the messages `conn` sends. */
  watch(conn: EngineSocket): void;
  close(): void;
}

export function createPacketFloodGuard(limitPerSecond: number, onFlood: (conn: EngineSocket) => void): PacketFloodGuard {
  const counts = new Map<EngineSocket, number>();
  const clearing = setInterval(() => counts.clear(), 1_000);
  clearing.unref();

  function onPacket(this: EngineSocket, packet: { type?: unknown }): void {
    // Pings, pongs and upgrade probes are engine.io's own; only messages carry events.
    if (packet.type !== 'message') return;
    const count = (counts.get(this) ?? 0) + 1;
    counts.set(this, count);
    if (count === limitPerSecond + 1) onFlood(this);
  }

  return {
    watch: (conn) => {
      conn.on('packet', onPacket);
    },
    close: () => {
      clearInterval(clearing);
      counts.clear();
    },
  };
}
