import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './test/helpers/chromium.js';

/**
 * End-to-end tests: Debian's Chromium driving the UI through the web bridge. Each test starts
 * its own VetDesk (central server, workstation, bridge) on a fresh data folder, so tests run
 * one at a time to keep the machine responsive.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-artifacts/playwright',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
  },
});
