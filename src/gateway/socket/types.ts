/** Server-side Socket.IO types of the gateway (the client-facing maps live in protocol/events.ts). */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.ts';

export interface GatewaySocketData {
  /** The channels this socket is subscribed to (visible to fetchSockets across instances). */
  channels: readonly string[];
}

/** Between gateway instances, through the Redis streams adapter. */
export interface GatewayInterServerEvents {
  /** Each instance answers with its local connection count. */
  socketCount: (reply: (count: number) => void) => void;
}

export type GatewayIo = Server<ClientToServerEvents, ServerToClientEvents, GatewayInterServerEvents, GatewaySocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, GatewayInterServerEvents, GatewaySocketData>;
