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
import { type ServerProcess, spawnServer } from '../helpers/server-process.js';

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
async function seedDemoPractice(dataDir: string, owners: number, role: StaffRole): Promise<string> {
  const db = await openCentralDb(centralDbConfigFromEnv({ VETDESK_DATA_DIR: dataDir }));
  try {
    await migrateUp(db, await loadMigrations());
    await writePractice(db, generatePractice({ seed: 42, owners, anchorDate: formatDay(clinicDay(Date.now())) }));
    const { rows } = await db.query<{ id: string }>(
      `select id from staff where role = $1 and deleted_at is null order by created_at, username limit 1`,
      [role],
    );
    const staffId = rows[0]?.id;
    if (!staffId) throw new Error(`the demo practice has no ${role} to sign in as`);
    return staffId;
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
 * pointing at that server and `VETDESK_STAFF_ID` the chosen staff member. Resolves once the
 * window is open and its workstation has synced the practice.
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
    const staffId = await seedDemoPractice(dataDir, options.owners ?? 40, options.role ?? 'vet');
    // The workstation speaks the development scheme until it enrols for real.
    server = await spawnServer({ VETDESK_DATA_DIR: dataDir, VETDESK_DEV_AUTH: '1' });
    app = await _electron.launch({
      args: [MAIN],
      env: {
        ...process.env,
        VETDESK_DATA_DIR: dataDir,
        VETDESK_SERVER_URL: server.url,
        VETDESK_STAFF_ID: staffId,
        ...options.env,
      },
    });
    const page = await app.firstWindow();
    await waitForInitialSync(page);
    return { app, page, server, dataDir, staffId, close };
  } catch (error) {
    await close();
    throw error;
  }
}
