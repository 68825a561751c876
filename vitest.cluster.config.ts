import { defineConfig } from 'vitest/config';

/** The slow suites against Redis Sentinel (and Cluster) setups: `npm run test:cluster`, run by .ci/run after `npm test`. */
export default defineConfig({
  test: {
    include: ['tests/cluster/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts several redis-server processes; one file at a time on two cores.
    maxWorkers: 1,
    pool: 'forks',
  },
});
