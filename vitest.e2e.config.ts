import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The built app in Chromium, and every test that starts a Debian broker on loopback.
    include: ['tests/e2e/**/*.test.ts', 'tests/**/*.broker.test.ts'],
    testTimeout: 120000,
    hookTimeout: 120000,
    fileParallelism: false,
    // A real browser on a loaded CI machine: a page reaching a state can take seconds, not the default 1 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
