/**
 * Profiles our gateway under the 5,000-client, 100 headlines/s case: a V8 CPU profile (the
 * same sampler as --cpu-prof) recorded over one longer window only, then summarised (top
 * self-time functions and areas).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { HeadlineStore } from '../../src/streams/store.ts';
import { socketIoUrl } from '../load/client.ts';
import type { LoadGenerators } from '../lib/loadgens.ts';
import { buildWorkload } from '../lib/mix.ts';
import { startBenchRedis } from '../lib/redis.ts';
import { startServer } from '../lib/servers.ts';
import { summariseProfile, type ProfileSummary } from '../report/cpuprofile.ts';
import { runWindow, type WindowResult } from './window.ts';

export interface ProfileResult {
  clients: number;
  rate: number;
  window: WindowResult;
  profilePath: string;
  summary: ProfileSummary;
}

export async function runProfile(loadgens: LoadGenerators, clients: number, rate: number, durationMs: number): Promise<ProfileResult> {
  const redisServer = await startBenchRedis();
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const dir = mkdtempSync(join(tmpdir(), 'nt-cpuprof-'));
  const server = await startServer('ours', redisServer.url);
  try {
    const store = new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 86_400 });
    const workload = buildWorkload(clients);
    const connected = await loadgens.connect('profile', socketIoUrl(server.url), workload.clients);
    if (connected.failed > 0) throw new Error(`${connected.failed} clients failed: ${connected.firstError ?? ''}`);
    const plan = { seed: 7, rate, drainMs: 2000, settleMs: 4000, unfiltered: false, runId: `p${Date.now().toString(36)}` };
    const target = { loadgens, store, pid: server.child.pid, group: 'profile' };
    await runWindow(target, workload, { ...plan, window: 900_001, windowMs: 2000 });
    const profilePath = join(dir, 'gateway.cpuprofile');
    const stopProfile = await server.profile(profilePath);
    const window = await runWindow(target, workload, { ...plan, window: 900_002, windowMs: durationMs });
    await stopProfile();
    await loadgens.disconnect('profile');
    return { clients, rate, window, profilePath, summary: summariseProfile(profilePath) };
  } finally {
    await server.stop();
    redis.disconnect();
    await redisServer.cleanup();
  }
}
