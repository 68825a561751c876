/**
 * Entry point of a poll-worker process: the worker role alone, whatever ROLE says (the
 * queue, schedulers and job processor live in src/ingestion/queue).
 * `node --import tsx workers/poll-worker.ts`
 */
import { runProcess } from '../src/app/process.ts';

runProcess({ role: 'worker' });
