/**
 * POST /websub: the hub for our own feed URLs (W3C WebSub §5.1). The request is checked here and
 * answered 202 Accepted; verification of intent runs as a job, and only a verified request
 * changes anything.
 */
import express, { Router } from 'express';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import { AppError, ValidationError } from '../../shared/errors.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { assertTargetAllowed, type OutboundPolicy } from '../outbound-request.ts';
import { verifyJobOptions, type HubJobData, type HubRetryPolicy } from './hub-queue.ts';
import { topicRequest } from './topic.ts';

export interface LeasePolicy {
  defaultSeconds: number;
  minSeconds: number;
  maxSeconds: number;
}

export interface HubRouteDeps {
  queue: Queue<HubJobData>;
  publicUrl: () => string;
  lease: LeasePolicy;
  retry: HubRetryPolicy;
  allowPrivate: OutboundPolicy['allowPrivate'];
  metrics: Metrics;
}

const hubRequestSchema = z.object({
  'hub.mode': z.enum(['subscribe', 'unsubscribe'], { error: 'hub.mode must be subscribe or unsubscribe' }),
  'hub.topic': z.string({ error: 'hub.topic is required' }).min(1).max(2048),
  'hub.callback': z.url({ protocol: /^https?$/, error: 'hub.callback must be an absolute http(s) URL' }).max(2048),
  'hub.lease_seconds': z
    .string()
    .regex(/^\d{1,10}$/, 'hub.lease_seconds must be a whole number of seconds')
    .transform(Number)
    .optional(),
  // §5.1: "MUST be less than 200 bytes".
  'hub.secret': z
    .string()
    .refine((secret) => Buffer.byteLength(secret) < 200 && secret.length > 0, 'hub.secret must be 1 to 199 bytes')
    .optional(),
});

function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.join('.') ?? '', message: issue?.message ?? 'invalid request' };
}

export function createHubRouter(deps: HubRouteDeps): Router {
  const router = Router();
  router.post('/websub', express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 }), async (req, res) => {
    const parsed = hubRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const { field, message } = firstIssue(parsed.error);
      throw new ValidationError(message, { field });
    }
    const form = parsed.data;
    const topic = form['hub.topic'];
    const request = topicRequest(topic);
    if (request === undefined || !topic.startsWith(`${deps.publicUrl()}/feeds/`)) {
      throw new ValidationError(`hub.topic must be one of this service's feed URLs, such as ${deps.publicUrl()}/feeds/politics/all.atom`, { field: 'hub.topic' });
    }
    try {
      assertTargetAllowed(form['hub.callback'], deps.allowPrivate);
    } catch (error) {
      throw new AppError('FORBIDDEN', `hub.callback refused: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const requested = form['hub.lease_seconds'] ?? deps.lease.defaultSeconds;
    const leaseSeconds = Math.min(deps.lease.maxSeconds, Math.max(deps.lease.minSeconds, requested));
    await deps.queue.add(
      'verify',
      {
        kind: 'verify',
        mode: form['hub.mode'],
        topic,
        callback: form['hub.callback'],
        channel: request.channel.name,
        leaseSeconds,
        ...(form['hub.secret'] === undefined ? {} : { secret: form['hub.secret'] }),
      },
      verifyJobOptions(deps.retry),
    );
    deps.metrics.websubRequests.inc({ mode: form['hub.mode'] });
    res.status(202).type('text/plain').send(`accepted: verification of intent will be sent to the callback\n`);
  });
  return router;
}
