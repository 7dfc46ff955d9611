import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // `*.broker.test.ts` start a Debian broker (Mosquitto, RabbitMQ, ActiveMQ, ejabberd): they run with
    // the end-to-end tests, so that `npm test` needs Node alone.
    exclude: ['tests/e2e/**', 'tests/**/*.broker.test.ts', 'node_modules/**'],
    testTimeout: 20000,
  },
});
