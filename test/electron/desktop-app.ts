import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ElectronApplication, type Page, _electron, expect } from '@playwright/test';
import type { StaffRole } from '../../core/domain/enums.js';
import { centralDbConfigFromEnv } from '../../db/central/config.js';
import { loadMigrations } from '../../db/central/migrations/files.js';
import { migrateUp } from '../../db/central/migrations/runner.js';
import { openCentralDb } from '../../db/central/open.js';
import { generatePractice } from '../../db/central/seed/generate.js';
import { clinicDay, formatDay } from '../../db/central/seed/time.js';
import { writePractice } from '../../db/central/seed/write.js';
import { hashPassword } from '../../sync/identity/password-hash.js';
import { signIn } from '../e2e/fixtures.js';
import { clusterEnrolmentCode } from '../helpers/launch-cluster.js';
import { type ServerProcess, spawnServer } from '../helpers/server-process.js';

/** The password the staff member under test is given. */
export const DESKTOP_PASSWORD = 'desktop-test-password';

/** Who signs in to the desktop app under test, and the code its workstation enrols with. */
interface DemoAccount {
  staffId: string;
  username: string;
  code: string;
}

const MAIN = fileURLToPath(new URL('../../.build/app/main.mjs', import.meta.url));
/** The UI bundle the desktop app loads (`npm run build:ui`), beside its own bundle. */
const RENDERER_INDEX = fileURLToPath(new URL('../../.build/renderer/index.html', import.meta.url));

/** A running desktop app against its own central server, with one temp data folder for both. */
export interface DesktopApp {
  app: ElectronApplication;
  /** The main window. */
  page: Page;
  server: ServerProcess;
  dataDir: string;
  /** The staff member the workstation is signed in as. */
  staffId: string;
  close(): Promise<void>;
}

export interface DesktopAppOptions {
  /**
   * Sign the workstation in as the demo practice's first staff member with this role (by
   * creation, then user name, as `npm start` picks). Default `vet`: a vet may do everything
   * the shared flows do, finalizing clinical records included (front desk may not).
   */
  role?: StaffRole;
  /** Owners in the demo practice (default 40, like the browser end-to-end tests). */
  owners?: number;
  /** More environment for the Electron app. */
  env?: Record<string, string>;
}

/**
 * Fills `<dataDir>/central` (PGlite) with the demo practice, anchored on today, and returns
 * the id of the staff member with `role` to sign in as. Runs before the server starts: PGlite
 * is one process's database at a time.
 * @throws Error when the practice has nobody with that role.
 */
async function seedDemoPractice(dataDir: string, owners: number, role: StaffRole): Promise<DemoAccount> {
  const db = await openCentralDb(centralDbConfigFromEnv({ VETDESK_DATA_DIR: dataDir }));
  try {
    await migrateUp(db, await loadMigrations());
    await writePractice(db, generatePractice({ seed: 42, owners, anchorDate: formatDay(clinicDay(Date.now())) }));
    const { rows } = await db.query<{ id: string; username: string | null }>(
      `select id, username from staff where role = $1 and deleted_at is null order by created_at, username limit 1`,
      [role],
    );
    const staff = rows[0];
    if (!staff?.username) throw new Error(`the demo practice has no ${role} with a user name to sign in as`);
    // As an admin's reset would; a cheap cost, since the server verifies with the hash's own.
    const passwordHash = await hashPassword(DESKTOP_PASSWORD, { logN: 12, r: 8, p: 1 });
    await db.transaction(
      (tx) => tx.query('update staff set password_hash = $1 where id = $2', [passwordHash, staff.id]),
      {
        audit: { auditContext: { action: 'test.desktop_password' } },
      },
    );
    const code = await clusterEnrolmentCode(db, 'Desktop app under test');
    return { staffId: staff.id, username: staff.username, code };
  } finally {
    await db.close();
  }
}

/**
 * Waits until the window's workstation has finished its first sync, so screens show the
 * practice: the header's status is online with no first-sync progress left. Read from the
 * screen, since the page holds its client itself (the preload exposes only a frame relay).
 */
async function waitForInitialSync(page: Page): Promise<void> {
  const status = page.getByTestId('sync-status');
  await expect(status, 'the desktop workstation finishes its first sync').toHaveAttribute('data-connection', 'online', {
    timeout: 90_000,
  });
  await expect(status.getByTestId('first-sync')).toHaveCount(0, { timeout: 90_000 });
}

/**
 * Seeds a demo practice (see `seedDemoPractice`), starts a central server on it (`npm run
 * server` as a child process, PGlite in `<dataDir>/central`) and the bundled desktop app (`npm
 * run build:electron` first, and a UI build in `.build/renderer`) with
 * `VETDESK_DATA_DIR=<dataDir>` (replica in `<dataDir>/workstation`), `VETDESK_SERVER_URL`
 * pointing at that server. The window's first-run screen enrols it with a one-time code and the
 * chosen staff member signs in (password `DESKTOP_PASSWORD`). Resolves once the window is open,
 * signed in, and its workstation has synced the practice.
 * @throws Error when `.build/renderer` has no UI build, or when any step fails (after stopping
 *   what it started and removing the data folder).
 */
export async function launchDesktopApp(options: DesktopAppOptions = {}): Promise<DesktopApp> {
  // Said up front: otherwise the window opens on a blank page and every flow times out.
  if (!existsSync(RENDERER_INDEX))
    throw new Error(`${RENDERER_INDEX} is missing: run \`npm run build:ui\` (npm run test:electron does)`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-electron-'));
  // What is running so far, stopped in reverse by `close` whether start-up finished or not.
  let server: ServerProcess | undefined;
  let app: ElectronApplication | undefined;
  const close = async () => {
    await app?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const account = await seedDemoPractice(dataDir, options.owners ?? 40, options.role ?? 'vet');
    const staffId = account.staffId;
    server = await spawnServer({ VETDESK_DATA_DIR: dataDir });
    app = await _electron.launch({
      args: [MAIN],
      env: {
        ...process.env,
        VETDESK_DATA_DIR: dataDir,
        VETDESK_SERVER_URL: server.url,
        ...options.env,
      },
    });
    const page = await app.firstWindow();
    // The real path: the first-run screen enrols the window's workstation, then the person signs in.
    await page.getByLabel('Server address').fill(server.url);
    await page.getByLabel('Enrolment code').fill(account.code);
    await page.getByRole('button', { name: 'Connect workstation' }).click();
    await signIn(page, account.username, DESKTOP_PASSWORD);
    await waitForInitialSync(page);
    return { app, page, server, dataDir, staffId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
