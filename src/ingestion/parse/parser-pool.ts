/**
 * Parsing off the event loop: fetched bodies are parsed in a pool of worker threads (piscina),
 * so a hostile document slows one thread, never HTTP, Socket.IO or SSE. Each parse has a time
 * budget counted from when it starts; past it, the thread is stopped (piscina terminates a
 * thread whose task is aborted and starts a fresh one) and the parse fails PARSE_TIMEOUT.
 */
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { AppError, ParseError, ParseTimeoutError } from '../../shared/errors.ts';
import type { ParsedItems, ParseOutcome, ParseTask } from './parse-task.ts';

export interface ParserPoolOptions {
  /** Threads at most. */
  threads: number;
  /** Budget of one parse, from when a thread starts on it. */
  timeBudgetMs: number;
  /** How long a parse may wait for a thread (one starting up loads the parsers first). */
  queueWaitMs?: number;
}

const DEFAULT_QUEUE_WAIT_MS = 30_000;

export class ParserPool {
  private readonly pool: Piscina<ParseTask, ParseOutcome>;

  constructor(private readonly options: ParserPoolOptions) {
    this.pool = new Piscina<ParseTask, ParseOutcome>({
      filename: new URL('./parse-worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: Math.max(1, options.threads),
      // Threads start on demand and then stay: starting one (loading the parsers) costs more CPU
      // than most parses, and sources are polled every few minutes.
      idleTimeout: 30 * 60_000,
    });
  }

  /** Parses a fetched body; throws ParseError (PARSE_TIMEOUT past the budget) or the parser's own error. */
  async parse(task: Omit<ParseTask, 'started'>): Promise<ParsedItems> {
    const { port1, port2 } = new MessageChannel();
    const controller = new AbortController();
    const budget = new ParseTimeoutError(`parsing took longer than ${this.options.timeBudgetMs} ms; the parse was stopped (a hostile or very large document)`);
    const queueWaitMs = this.options.queueWaitMs ?? DEFAULT_QUEUE_WAIT_MS;
    let timer = setTimeout(() => controller.abort(new ParseTimeoutError(`no parser thread started within ${queueWaitMs} ms`)), queueWaitMs);
    port1.once('message', () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(budget), this.options.timeBudgetMs);
    });
    try {
      const outcome = await this.pool.run({ ...task, started: port2 }, { signal: controller.signal, transferList: [port2] });
      if (!outcome.ok) throw new AppError(outcome.code, outcome.message);
      return outcome.parsed;
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof ParseError) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  /** The pool's live threads (a stopped one is gone from here). */
  get threadIds(): number[] {
    return this.pool.threads.map((thread) => thread.threadId);
  }

  /** Stops every thread, abandoning parses in flight (the poll that asked fails; a re-run is harmless). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
