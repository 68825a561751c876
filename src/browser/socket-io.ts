/**
 * A Socket.IO connection for the feed, built on the two libraries socket.io-client itself is
 * built on: engine.io-client (WebSocket transport, heartbeats) and socket.io-parser (packets).
 * socket.io-client's own layer on top (the Manager's reconnection, the Socket's buffering and
 * ack bookkeeping) repeats what the feed does itself (its own full-jitter reconnects, its own
 * buffering until the subscribe ack), and dropping it keeps widget.js within its size budget.
 * One connection, namespace `/`, text packets only; a new connection for each attempt.
 */
import { Socket as EngineSocket } from 'engine.io-client';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';

export interface IoHandlers {
  /** Namespace `/` joined. */
  connect(): void;
  /** The server refused the namespace (CONNECT_ERROR); `data` is its details, if any. */
  refused(message: string, data: unknown): void;
  /** A server event: its name and arguments. */
  event(name: string, args: unknown[]): void;
  /** The connection is gone (or never opened); called once. */
  closed(reason: string): void;
}

export interface IoConnection {
  /** Emits an event with an acknowledgement; resolves with the ack's first argument, rejects on timeout or loss. */
  request(event: string, payload: unknown, timeoutMs: number): Promise<unknown>;
  close(): void;
}

export function connectIo(server: string, handlers: IoHandlers): IoConnection {
  // WebSocket only: no long-polling fallback that would need sticky sessions behind a balancer.
  const engine = new EngineSocket(server, { path: '/socket.io/', transports: ['websocket'], upgrade: false });
  const encoder = new Encoder();
  const decoder = new Decoder();
  const acks = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let done = false;

  const send = (packet: Packet): void => {
    for (const part of encoder.encode(packet)) engine.send(part as string);
  };
  const finish = (reason: string): void => {
    if (done) return;
    done = true;
    decoder.destroy();
    for (const ack of acks.values()) ack.reject(new Error(reason));
    acks.clear();
    engine.close();
    handlers.closed(reason);
  };

  decoder.on('decoded', (packet: Packet) => {
    if (packet.nsp !== '/') return;
    const data: unknown = packet.data;
    if (packet.type === PacketType.CONNECT) handlers.connect();
    else if (packet.type === PacketType.EVENT && Array.isArray(data) && typeof data[0] === 'string') handlers.event(data[0], data.slice(1));
    else if (packet.type === PacketType.ACK && packet.id !== undefined) {
      acks.get(packet.id)?.resolve(Array.isArray(data) ? data[0] : undefined);
      acks.delete(packet.id);
    } else if (packet.type === PacketType.CONNECT_ERROR) {
      const { message, data: details } = (typeof data === 'object' && data !== null ? data : {}) as { message?: unknown; data?: unknown };
      done = true; // refused, not lost: no `closed` after this
      engine.close();
      handlers.refused(typeof message === 'string' ? message : 'refused', details);
    } else if (packet.type === PacketType.DISCONNECT) finish('io server disconnect');
  });
  engine.on('open', () => send({ type: PacketType.CONNECT, nsp: '/' }));
  engine.on('data', (data: unknown) => {
    try {
      decoder.add(data);
    } catch {
      finish('parse error'); // a malformed packet: start afresh rather than guess
    }
  });
  engine.on('close', (reason: string) => finish(reason));

  return {
    request(event, payload, timeoutMs) {
      if (done) return Promise.reject(new Error('closed'));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          acks.delete(id);
          reject(new Error('ack timeout'));
        }, timeoutMs);
        acks.set(id, {
          resolve: (value) => (clearTimeout(timer), resolve(value)),
          reject: (error) => (clearTimeout(timer), reject(error)),
        });
        send({ type: PacketType.EVENT, nsp: '/', data: [event, payload], id });
      });
    },
    close() {
      if (done) return;
      done = true;
      send({ type: PacketType.DISCONNECT, nsp: '/' });
      engine.close();
    },
  };
}
