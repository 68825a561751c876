/**
 * Private redis-server instances for the bench (never the shared one on 6379), registered so
 * that an interrupted run still stops them.
 */
import { startTestRedis, type TestRedis } from '../../tests/helpers/redis-server.ts';

const running = new Set<TestRedis>();

export async function startBenchRedis(): Promise<TestRedis> {
  const redis = await startTestRedis();
  running.add(redis);
  return {
    ...redis,
    cleanup: async () => {
      running.delete(redis);
      await redis.cleanup();
    },
  };
}

export async function stopAllBenchRedis(): Promise<void> {
  await Promise.all([...running].map((redis) => redis.cleanup()));
  running.clear();
}
