import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './test/helpers/chromium.js';

/**
 * End-to-end tests: Debian's Chromium driving the UI through the web bridge. A test starts its
 * own VetDesk (central server, workstation, bridge) on a copy of the run's demo data folder
 * (test/e2e/demo-template.ts; the global setup makes its place), or shares one with the other
 * tests of its file when the file says so; tests run one at a time to keep the machine
 * responsive.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.e2e.ts',
  globalSetup: './test/e2e/global-setup.ts',
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
