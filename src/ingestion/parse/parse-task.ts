/**
 * One parse, as a worker thread runs it: a fetched body in, the poll's items out (in storage
 * order, cut to the newest `maxItems`, so a 100,000-item feed never crosses back to the main
 * thread whole). Failures come back as data: error classes do not survive the thread boundary.
 */
import type { MessagePort } from 'node:worker_threads';
import type { PageExtraction } from '../../config/sources.ts';
import type { RawItem } from '../../headlines/headline.ts';
import { AppError, describeError, type ErrorCode } from '../../shared/errors.ts';
import type { FeedLinks, ParsedDocument } from './types.ts';
import { storageOrder } from './storage-order.ts';

export interface ParseTask {
  kind: 'feed' | 'page';
  body: Uint8Array;
  contentType?: string;
  /** The URL the document came from (after redirects): the base for relative links. */
  baseUrl: string;
  timezone: string;
  /** Required for pages. */
  extraction?: PageExtraction;
  maxItems: number;
  /** Told "started" when the parse begins, so the time budget counts parsing, not queueing. */
  started?: MessagePort;
}

export interface ParsedItems {
  /** Oldest first, at most `maxItems`: the newest of the document. */
  items: RawItem[];
  /** Items the document held (before the cut). */
  found: number;
  /** Items beyond `maxItems`, not returned. */
  leftOut: number;
  /** Items the parser dropped (neither a title nor a link). */
  skipped: number;
  /** The hub and self links the feed names (WebSub discovery). */
  links?: FeedLinks;
}

export type ParseOutcome = { ok: true; parsed: ParsedItems } | { ok: false; code: ErrorCode; message: string };

export async function runParseTask(task: ParseTask): Promise<ParseOutcome> {
  try {
    const parse = await parserFor(task);
    // The budget starts now: loading a parser on a thread's first task is not the document's doing.
    task.started?.postMessage('started');
    task.started?.close();
    const document = parse(Buffer.from(task.body.buffer, task.body.byteOffset, task.body.byteLength));
    const ordered = storageOrder(document.items);
    const leftOut = Math.max(0, ordered.length - task.maxItems);
    const parsed: ParsedItems = { items: ordered.slice(leftOut), found: ordered.length, leftOut, skipped: document.skipped };
    return { ok: true, parsed: document.links === undefined ? parsed : { ...parsed, links: document.links } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, code: error.code, message: error.message };
    // Anything else is a bug in a parser; it still fails only this poll, with what it said.
    return { ok: false, code: 'INTERNAL', message: describeError(error).message };
  }
}

/**
 * Each parser is loaded on first use: a thread that only ever reads feeds never loads cheerio,
 * one that reads pages never loads feedsmith (each costs about a second of CPU to load).
 */
async function parserFor(task: ParseTask): Promise<(body: Buffer) => ParsedDocument> {
  const options = { baseUrl: task.baseUrl, timezone: task.timezone, ...(task.contentType === undefined ? {} : { contentType: task.contentType }) };
  if (task.kind === 'feed') {
    const { parseFeed } = await import('./feed.ts');
    return (body) => parseFeed(body, options);
  }
  const { extraction } = task;
  if (extraction === undefined) throw new AppError('PARSE_FAILED', 'a page source has no extraction rules');
  const { parsePage } = await import('./page.ts');
  return (body) => parsePage(body, { ...options, extraction });
}
