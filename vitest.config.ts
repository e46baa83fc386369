import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // PGlite initialisation and PostgreSQL database creation dominate test time, not CPU-bound
    // assertions: two workers keep both cores busy without thrashing.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    allowOnly: false,
    passWithNoTests: false,
  },
});
