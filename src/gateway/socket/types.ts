/** Server-side Socket.IO types of the gateway (the client-facing maps live in protocol/events.ts). */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';

/** Nothing is kept in `socket.data`: the gateway holds each socket's state in its own map. */
export type GatewaySocketData = Record<string, never>;

/** Between gateway instances, through the Redis streams adapter. */
export interface GatewayInterServerEvents {
  /** Each instance answers with its local connection count. */
  socketCount: (reply: (count: number) => void) => void;
}

export type GatewayIo = Server<ClientToServerEvents, ServerToClientEvents, GatewayInterServerEvents, GatewaySocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, GatewayInterServerEvents, GatewaySocketData>;
