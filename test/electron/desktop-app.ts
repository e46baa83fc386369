import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ElectronApplication, type Page, _electron } from '@playwright/test';
import { type ServerProcess, spawnServer } from '../helpers/server-process.js';

const MAIN = fileURLToPath(new URL('../../.build/app/main.mjs', import.meta.url));

/** A running desktop app against its own central server, with one temp data folder for both. */
export interface DesktopApp {
  app: ElectronApplication;
  /** The main window. */
  page: Page;
  server: ServerProcess;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts a central server (`npm start` as a child process, PGlite in `<dataDir>/central`) and
 * the bundled desktop app (`npm run build:electron` first) with `VETDESK_DATA_DIR=<dataDir>`
 * (replica in `<dataDir>/workstation`) and `VETDESK_SERVER_URL` pointing at that server.
 */
export async function launchDesktopApp(env: Record<string, string> = {}): Promise<DesktopApp> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-electron-'));
  const server = await spawnServer({ VETDESK_DATA_DIR: dataDir });
  const app = await _electron.launch({
    args: [MAIN],
    env: { ...process.env, VETDESK_DATA_DIR: dataDir, VETDESK_SERVER_URL: server.url, ...env },
  });
  const page = await app.firstWindow();
  return {
    app,
    page,
    server,
    dataDir,
    async close() {
      await app.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
