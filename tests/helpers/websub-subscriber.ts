/**
 * A WebSub subscriber written for the hub tests: a local HTTP server that answers verification
 * of intent (echoing the challenge unless told to refuse) and records every delivery.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { startHttpServer, type TestHttpServer } from './http-server.ts';

export interface Verification {
  mode: string;
  topic: string;
  leaseSeconds: number | undefined;
}

export interface Delivery {
  body: string;
  contentType: string | undefined;
  signature: string | undefined;
  link: string | undefined;
}

export interface TestSubscriber {
  readonly callback: string;
  readonly verifications: Verification[];
  readonly deliveries: Delivery[];
  /** Deliveries answered 500 before the next one is accepted. */
  failNext(count: number): void;
  /** Stop echoing challenges (intent not confirmed). */
  refuseVerification(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSubscriber(path = '/callback'): Promise<TestSubscriber> {
  const server: TestHttpServer = await startHttpServer();
  const verifications: Verification[] = [];
  const deliveries: Delivery[] = [];
  let failures = 0;
  let refuse = false;
  server.route(path, (req, res) => {
    const url = new URL(req.url ?? '/', server.url);
    if (req.method === 'GET') {
      const lease = url.searchParams.get('hub.lease_seconds');
      verifications.push({ mode: url.searchParams.get('hub.mode') ?? '', topic: url.searchParams.get('hub.topic') ?? '', leaseSeconds: lease === null ? undefined : Number(lease) });
      if (refuse) res.writeHead(404).end('no such subscription');
      else res.writeHead(200, { 'content-type': 'text/plain' }).end(url.searchParams.get('hub.challenge') ?? '');
      return;
    }
    void readBody(req).then((body) => {
      if (failures > 0) {
        failures -= 1;
        res.writeHead(500).end('try later');
        return;
      }
      deliveries.push({ body, contentType: req.headers['content-type'], signature: req.headers['x-hub-signature'] as string | undefined, link: req.headers.link as string | undefined });
      res.writeHead(204).end();
    });
  });
  return {
    callback: `${server.url}${path}`,
    verifications,
    deliveries,
    failNext: (count) => (failures = count),
    refuseVerification: () => (refuse = true),
    close: () => server.close(),
  };
}

export function expectedSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
