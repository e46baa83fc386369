import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import type { StaffRole } from '../../core/domain/enums.js';
import { launchVetdesk, type LaunchedVetdesk } from '../helpers/launch-vetdesk.js';
import { saveScreenshot, SCREENSHOTS } from './flows/screenshots.js';

export { SCREENSHOTS };

/**
 * A test with its own running VetDesk on a fresh data folder, removed afterwards. Signed in as
 * the practice's first front-desk member unless the file says otherwise with
 * `test.use({ vetdeskRole: 'vet' })`.
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

export { expect } from '@playwright/test';

/** Saves a full-page screenshot under test-artifacts/screenshots/ for people to look at. */
export const screenshot = saveScreenshot;
