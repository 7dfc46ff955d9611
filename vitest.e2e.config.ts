import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
    // A real browser on a loaded CI machine: a page reaching a state can take seconds, not the default 1 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
