/**
 * A lightweight Socket.IO client over raw `ws`: just enough of Engine.IO v4 and the Socket.IO
 * packet format to connect, subscribe with an ack, answer pings and hand event frames on,
 * so that thousands of them fit in one process without the socket.io-client overhead.
 */
import WebSocket from 'ws';

const OPEN = 0x30; // '0' Engine.IO open
const CLOSE = 0x31; // '1'
const PING = 0x32; // '2'
const MESSAGE = 0x34; // '4' Engine.IO message, followed by a Socket.IO packet type
const SIO_CONNECT = 0x30; // '40'
const SIO_EVENT = 0x32; // '42'
const SIO_ACK = 0x33; // '43'
const SIO_CONNECT_ERROR = 0x34; // '44'

export interface ClientHooks {
  /** An Socket.IO event frame (`42[...]`), raw bytes. */
  onEvent(data: Buffer): void;
  /** The socket closed after it had subscribed. */
  onClose(): void;
  /** The subscribe ack, raw bytes (`43<id>[{...}]`). */
  onAck?(data: Buffer): void;
}

export function socketIoUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
}

/** Connects, subscribes to `channels` (from `since` when given) and resolves once the subscribe ack says ok. */
export function connectClient(url: string, channels: readonly string[], hooks: ClientHooks, timeoutMs: number, since?: string): Promise<WebSocket> {
  const request = since === undefined ? { channels, limit: 1 } : { channels, limit: 1, since };
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: timeoutMs });
    let subscribed = false;
    const fail = (reason: string): void => {
      clearTimeout(timer);
      ws.terminate();
      reject(new Error(reason));
    };
    const timer = setTimeout(() => fail('subscribe timed out'), timeoutMs);
    ws.on('error', (error) => {
      if (!subscribed) fail(error.message);
    });
    ws.on('close', () => {
      if (subscribed) hooks.onClose();
      else fail('closed before subscribing');
    });
    ws.on('message', (data: Buffer) => {
      const kind = data[0];
      if (kind === MESSAGE) {
        const packet = data[1];
        if (packet === SIO_EVENT) hooks.onEvent(data);
        else if (packet === SIO_CONNECT) ws.send(`420${JSON.stringify(['subscribe', request])}`);
        else if (packet === SIO_ACK) {
          if (!data.includes('"ok":true')) {
            fail(`subscribe refused: ${data.toString('utf8', 0, 200)}`);
            return;
          }
          subscribed = true;
          clearTimeout(timer);
          hooks.onAck?.(data);
          resolve(ws);
        } else if (packet === SIO_CONNECT_ERROR) fail(`connect refused: ${data.toString('utf8', 0, 200)}`);
      } else if (kind === PING) ws.send('3');
      else if (kind === OPEN) ws.send('40');
      else if (kind === CLOSE) ws.close();
    });
  });
}
