import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { launchVetdesk, type LaunchedVetdesk } from '../helpers/launch-vetdesk.js';

export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

/** A test with its own running VetDesk on a fresh data folder, removed afterwards. */
export const test = base.extend<{ vetdesk: LaunchedVetdesk }>({
  // Playwright reads fixture dependencies from the destructuring pattern: this one has none.
  // eslint-disable-next-line no-empty-pattern
  vetdesk: async ({}, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vetdesk-e2e-'));
    const vetdesk = await launchVetdesk({ dataDir, owners: 40 });
    try {
      await use(vetdesk);
    } finally {
      await vetdesk.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';

/** Saves a full-page screenshot under test-artifacts/screenshots/ for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
