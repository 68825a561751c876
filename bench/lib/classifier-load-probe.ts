/**
 * Run by the parse-classify case in a fresh process (node --expose-gc --import tsx): times the
 * first import of the classifier, which compiles its dictionaries and the English gazetteer, and
 * the heap that import leaves after full GC. It must be a fresh process: once anything has
 * imported the classifier, `await import` only returns the cached module (it measured 1 ms, 0 MB).
 * Prints one JSON line: { "ms": …, "heapMB": … }.
 */
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('classifier-load-probe needs --expose-gc');
const heapAfterGc = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const heapBefore = heapAfterGc();
const started = performance.now();
await import('../../src/classification/index.ts');
const ms = performance.now() - started;
const heapMB = (heapAfterGc() - heapBefore) / 1e6;
process.stdout.write(`${JSON.stringify({ ms, heapMB })}\n`);
