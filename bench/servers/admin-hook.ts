/**
 * Bench-only control channel for server child processes, over Node IPC (never over the
 * network): force a full GC and report process.memoryUsage(), record a V8 CPU profile of
 * just the measured window (what --cpu-prof records, without start-up and connecting),
 * write a heap snapshot, announce readiness, and stop when the runner goes away so that no
 * server outlives a bench.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { writeHeapSnapshot } from 'node:v8';
export interface MemoryReply {
  type: 'memory';
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export function installAdminHook(stop: () => Promise<void>): void {
  const exit = (): void => {
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  let session: Session | undefined;
  process.on('message', (message: { type?: string; path?: string }) => {
    if (message.type === 'profile-start') {
      session = new Session();
      session.connect();
      void session
        .post('Profiler.enable')
        .then(() => session?.post('Profiler.setSamplingInterval', { interval: 200 }))
        .then(() => session?.post('Profiler.start'))
        .then(() => process.send?.({ type: 'profile-started' }));
      return;
    }
    if (message.type === 'profile-stop' && session !== undefined && message.path !== undefined) {
      const path = message.path;
      const running = session;
      void running.post('Profiler.stop').then(({ profile }) => {
        writeFileSync(path, JSON.stringify(profile));
        running.disconnect();
        process.send?.({ type: 'profile-stopped', path });
      });
      return;
    }
    if (message.type === 'heap-snapshot' && message.path !== undefined) {
      // For bench/tools/heap-breakdown.ts: what the heap holds, after the same two GCs.
      globalThis.gc?.();
      globalThis.gc?.();
      process.send?.({ type: 'heap-snapshot', path: writeHeapSnapshot(message.path) });
      return;
    }
    if (message.type !== 'memory') return;
    // Two passes: the first can leave weak and finalisable objects for the second.
    globalThis.gc?.();
    globalThis.gc?.();
    const usage = process.memoryUsage();
    const reply: MemoryReply = { type: 'memory', rss: usage.rss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers };
    process.send?.(reply);
  });
  process.on('disconnect', exit);
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
}

export function announceReady(port: number): void {
  process.send?.({ type: 'ready', port });
}

/** Settings every server child reads from its environment. */
export function serverEnv(): { redisUrl: string; port: number } {
  const redisUrl = process.env.REDIS_URL;
  if (redisUrl === undefined || !/^redis:\/\/127\.0\.0\.1:\d+$/.test(redisUrl)) throw new Error('REDIS_URL must be a loopback redis:// URL');
  return { redisUrl, port: Number(process.env.PORT ?? '0') };
}
