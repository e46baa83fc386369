import { expect, test as base, type Browser, type Page } from '@playwright/test';
import type { StaffRole } from '../../core/domain/enums.js';
import { createClusterTemplate, type ClusterTemplate } from '../helpers/launch-cluster.js';
import type { LaunchedVetdesk } from '../helpers/launch-vetdesk.js';
import {
  demoAccountFor,
  ensureDemoTemplate,
  launchFromTemplate,
  TEMPLATE_ROOT_VARIABLE,
  type DemoTemplate,
  type TemplateLaunch,
} from './demo-template.js';
import { prepareCentral, type CentralPreparation } from './flows/central-preparation.js';
import { saveScreenshot, SCREENSHOTS } from './flows/screenshots.js';

export { SCREENSHOTS };

/**
 * How long a sign-in may take before the header names someone: the server checks the password
 * and the workstation seals its offline credential, three scrypt runs at the production cost,
 * which on a busy two-core machine take well over the default wait.
 */
export const SIGN_IN_MS = 60_000;

/**
 * Signs in through the sign-in screen (or the lock screen, whose user name is fixed) and waits
 * until the header names someone: the first screen behind the identity gate is showing.
 */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  const usernameField = page.getByLabel('Username', { exact: true });
  if (await usernameField.isVisible()) await usernameField.fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: /^(Sign in|Unlock)$/ }).click();
  await expect(page.getByTestId('signed-in-name')).toBeVisible({ timeout: SIGN_IN_MS });
}

/**
 * Signs the first demo account with `role` in on the workstation, through its sign-in screen in
 * a browser context of its own, closed afterwards: the session lives in the workstation, so the
 * test's page then opens on the first screen, as after the demo's first run.
 */
async function signInWorkstation(browser: Browser, vetdesk: LaunchedVetdesk, template: DemoTemplate, role: StaffRole) {
  const account = demoAccountFor(template, role);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(vetdesk.url);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    const signedIn = page.getByTestId('signed-in-name');
    await page.getByLabel('Username', { exact: true }).fill(account.username);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A sign-in at the production cost takes seconds on a busy machine; the page waits up to a
    // minute for it (SLOW_OPERATIONS in core/api/contract.ts).
    await expect(signedIn).toBeVisible({ timeout: SIGN_IN_MS });
    await expect(signedIn).toHaveText(account.displayName);
  } finally {
    await context.close();
  }
}

/**
 * The VetDesk shared by the tests of one file (`vetdeskSharing: 'file'`) for one role, kept
 * until a test of another file or role starts, or the worker stops. One at a time: every copy
 * of the template listens on the template's port.
 */
export interface FileVetdesks {
  /** The file's VetDesk for `role`, launched and signed in by `start` on first use. */
  get(file: string, role: StaffRole, start: () => Promise<TemplateLaunch>): Promise<TemplateLaunch>;
  /** Stops the shared VetDesk unless it is `file`'s (stops it whatever it is when undefined). */
  keepOnly(file: string | undefined): Promise<void>;
  /** Stops the shared VetDesk, if any: a test about to start one of its own needs the port. */
  release(): Promise<void>;
}

class RunningFileVetdesks implements FileVetdesks {
  private file: string | undefined;
  private current: { role: StaffRole; launch: Promise<TemplateLaunch> } | undefined;

  async get(file: string, role: StaffRole, start: () => Promise<TemplateLaunch>): Promise<TemplateLaunch> {
    if (file !== this.file) throw new Error(`leave the previous file's VetDesk before using ${file}'s`);
    if (this.current?.role !== role) {
      await this.release();
      const launch = start();
      this.current = { role, launch };
      // A failed start is not kept: the file's next test tries again.
      launch.catch(() => {
        if (this.current?.launch === launch) this.current = undefined;
      });
    }
    return this.current.launch;
  }

  async keepOnly(file: string | undefined): Promise<void> {
    if (file !== undefined && file === this.file) return;
    this.file = file;
    await this.release();
  }

  async release(): Promise<void> {
    const stopping = this.current?.launch;
    this.current = undefined;
    await stopping?.then((running) => running.stop()).catch(() => undefined);
  }
}

/**
 * How the launched VetDesk is shared: `test` (default), a VetDesk of its own for every test;
 * `file`, one for the file's consecutive tests of a role, for files whose tests do not depend on
 * a fresh practice (each must pass after the file's earlier ones, or alone).
 */
export type VetdeskSharing = 'test' | 'file';

/**
 * A test with a running VetDesk started on a copy of the run's demo template (demo-template.ts):
 * its own data folder, central server, workstation and web bridge, removed afterwards, with the
 * first demo account of `vetdeskRole` (front desk unless the file says otherwise with
 * `test.use({ vetdeskRole: 'vet' })`) signed in through the sign-in screen.
 * `vetdesk.accounts()` has every demo user's password. `vetdeskCentral` adds releases or
 * restore gaps to the copy's central database before it starts.
 */
export const test = base.extend<
  {
    vetdesk: LaunchedVetdesk;
    vetdeskRole: StaffRole | undefined;
    vetdeskCentral: CentralPreparation | undefined;
    vetdeskSharing: VetdeskSharing;
    leaveOtherFiles: undefined;
  },
  { demoTemplate: DemoTemplate; fileVetdesks: FileVetdesks; clusterTemplate: ClusterTemplate }
>({
  // `undefined`: the launcher's default role (front desk).
  vetdeskRole: [undefined, { option: true }],
  vetdeskCentral: [undefined, { option: true }],
  vetdeskSharing: ['test', { option: true }],
  demoTemplate: [
    // Playwright reads fixture dependencies from the destructuring pattern: this one has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const root = process.env[TEMPLATE_ROOT_VARIABLE];
      if (!root) throw new Error(`${TEMPLATE_ROOT_VARIABLE} is unset: run the tests through playwright.config.ts`);
      await use(await ensureDemoTemplate(root));
    },
    // The run's first use makes the template: a first run of the demo, hashing at full cost.
    { scope: 'worker', timeout: 360_000 },
  ],
  // The practice database of cluster tests (cluster-fixtures.ts), migrated and seeded once per
  // worker on first use; each test's database is a copy. Here rather than in cluster-fixtures.ts
  // so that every file has the same worker fixtures, and one worker runs them all.
  clusterTemplate: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const template = await createClusterTemplate();
      try {
        await use(template);
      } finally {
        await template.drop();
      }
    },
    { scope: 'worker' },
  ],
  fileVetdesks: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const shared = new RunningFileVetdesks();
      try {
        await use(shared);
      } finally {
        await shared.keepOnly(undefined);
      }
    },
    { scope: 'worker' },
  ],
  // Before every test: the previous file's shared VetDesks stop, whatever this test uses.
  leaveOtherFiles: [
    async ({ fileVetdesks }, use, testInfo) => {
      await fileVetdesks.keepOnly(testInfo.file);
      await use(undefined);
    },
    { auto: true },
  ],
  vetdesk: async (
    { browser, demoTemplate, fileVetdesks, vetdeskRole, vetdeskCentral, vetdeskSharing },
    use,
    testInfo,
  ) => {
    const role = vetdeskRole ?? 'front_desk';
    const start = async () => {
      const launch = await launchFromTemplate(
        demoTemplate,
        vetdeskCentral ? { beforeStart: (dataDir) => prepareCentral(dataDir, vetdeskCentral) } : {},
      );
      try {
        await signInWorkstation(browser, launch.vetdesk, demoTemplate, role);
        return launch;
      } catch (error) {
        await launch.stop();
        throw error;
      }
    };
    if (vetdeskSharing === 'file') {
      await use((await fileVetdesks.get(testInfo.file, role, start)).vetdesk);
      return;
    }
    await fileVetdesks.release();
    const launch = await start();
    try {
      await use(launch.vetdesk);
    } finally {
      await launch.stop();
    }
  },
});

export { expect };

/** Saves a full-page screenshot under test-artifacts/screenshots/ for people to look at. */
export const screenshot = saveScreenshot;
