import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Process and browser tests start real servers: generous limits for a loaded two-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Two cores: each test file opens its own database, so keep the pool small.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
