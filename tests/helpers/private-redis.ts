/**
 * A test file's own redis-server and client: started before its tests, flushed before each
 * (the server is this file's alone), stopped after them.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startTestRedis, type TestRedis } from './redis-server.ts';

export interface PrivateRedis {
  readonly redis: Redis;
  /** The server's redis:// URL, for a service under test to use. */
  readonly url: string;
}

export function usePrivateRedis(): PrivateRedis {
  let server: TestRedis | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startTestRedis();
    client = new Redis(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.cleanup();
  });
  beforeEach(async () => {
    await client?.flushall();
  });
  return {
    get redis(): Redis {
      if (client === undefined) throw new Error('the private Redis starts in beforeAll');
      return client;
    },
    get url(): string {
      if (server === undefined) throw new Error('the private Redis starts in beforeAll');
      return server.url;
    },
  };
}
