import { defineConfig } from '@playwright/test';

/**
 * Playwright settings for the desktop app (`npm run test:electron`). Separate from vitest and
 * from the browser end-to-end tests: it needs the Electron binary, which these machines cannot
 * download (see ENVIRONMENT.md), so it runs where Electron installs (a release pipeline or a
 * developer's desktop). Test files end in `.electron.ts` so vitest never collects them.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.electron.ts',
  // One Electron app at a time: each test starts its own central server and data folder.
  workers: 1,
  timeout: 120_000,
  outputDir: 'test-artifacts/electron',
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' },
});
