import { defineConfig } from 'vitest/config';

// Benchmarks that need a browser and a broker: measured on purpose, never part of the test runs.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    testTimeout: 600000,
    hookTimeout: 120000,
    fileParallelism: false,
  },
});
