import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import type { StaffRole } from '../../core/domain/enums.js';
import { launchVetdesk, type LaunchedVetdesk } from '../helpers/launch-vetdesk.js';
import { saveScreenshot, SCREENSHOTS } from './flows/screenshots.js';

export { SCREENSHOTS };

/**
 * A test with its own running VetDesk on a fresh data folder, removed afterwards. Its first
 * start signs in the practice's first front-desk member unless the file says otherwise with
 * `test.use({ vetdeskRole: 'vet' })`; `vetdesk.accounts()` has every demo user's password.
 */
export const test = base.extend<{ vetdesk: LaunchedVetdesk; vetdeskRole: StaffRole | undefined }>({
  // `undefined`: the launcher's default role (front desk).
  vetdeskRole: [undefined, { option: true }],
  vetdesk: async ({ vetdeskRole }, use) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vetdesk-e2e-'));
    const vetdesk = await launchVetdesk({ dataDir, owners: 40, ...(vetdeskRole ? { role: vetdeskRole } : {}) });
    try {
      await use(vetdesk);
    } finally {
      await vetdesk.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

/**
 * Signs in through the sign-in screen (or the lock screen, whose user name is fixed) and waits
 * until the header names someone: the first screen behind the identity gate is showing.
 */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  const usernameField = page.getByLabel('Username', { exact: true });
  if (await usernameField.isVisible()) await usernameField.fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Unlock)$/ }).click();
  await expect(page.getByTestId('signed-in-name')).toBeVisible();
}

/** Saves a full-page screenshot under test-artifacts/screenshots/ for people to look at. */
export const screenshot = saveScreenshot;
