/**
 * Typed Socket.IO event maps of the public protocol (namespace `/`, path `/socket.io`).
 * Shared by the gateway, the widget, the dashboard and the tests. Types only: browser
 * bundles import this file, so it must never import server code.
 */

import type { Headline, HeadlineChange } from './headline.js';

export type { Headline, HeadlineChange, RetractedHeadline, HeadlinePriority } from './headline.js';

export type ProtocolErrorCode = 'BAD_CHANNEL' | 'BAD_CURSOR' | 'RATE_LIMITED' | 'FORBIDDEN' | 'UNAVAILABLE' | 'VALIDATION';

/**
 * `connect_error` data when the page's origin is not in ALLOWED_ORIGINS: the refusal a browser
 * can read (a refused WebSocket handshake tells a page nothing), so widgets say so instead of
 * retrying for ever.
 */
export const ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED';

export interface ConnectErrorData {
  code: typeof ORIGIN_NOT_ALLOWED;
}

export interface ProtocolError {
  code: ProtocolErrorCode;
  message: string;
}

export interface FailureAck {
  ok: false;
  error: ProtocolError;
}

export interface SubscribeRequest {
  /** Channel names `<topic>/<region>`, either part `*`; at most 50 per socket. */
  channels: string[];
  /** Resume cursor: the id of the last headline the client saw. */
  since?: string;
  /** Backlog size when not resuming (default 20, max 500). */
  limit?: number;
}

export interface SubscribeAck {
  ok: true;
  /** Every channel the socket is now subscribed to, normalised. */
  channels: string[];
  /** Backlog, oldest first. */
  headlines: Headline[];
  /** True when `since` was given and everything after it was delivered. */
  recovered: boolean;
  /** Changes (corrections, retractions) after `since` to headlines the client may hold, in id order. */
  changes?: HeadlineChange[];
}

export interface UnsubscribeRequest {
  channels: string[];
}

export interface UnsubscribeAck {
  ok: true;
  channels: string[];
}

export interface ClientToServerEvents {
  /** Join channels; ack carries the backlog or the resumed headlines. */
  subscribe: (request: SubscribeRequest, ack: (response: SubscribeAck | FailureAck) => void) => void;
  /** Leave channels; ack lists what the socket remains subscribed to. */
  unsubscribe: (request: UnsubscribeRequest, ack: (response: UnsubscribeAck | FailureAck) => void) => void;
}

export interface ServerToClientEvents {
  /** Live headlines in id order; several under bursts. Each arrives once per socket. */
  headlines: (headlines: Headline[]) => void;
  /** Corrections and retractions in id order, interleaved with `headlines` as the streams hold them. */
  changes: (changes: HeadlineChange[]) => void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no inter-server events of our own
export interface InterServerEvents {}
