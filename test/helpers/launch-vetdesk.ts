import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { STAFF_ROLES, type StaffRole } from '../../core/domain/enums.js';
import { DEMO_ACCOUNTS_HEADING } from '../../launcher/demo-accounts.js';
import { exited } from './server-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LaunchOptions {
  /** The data folder (central database, workstation replica); one per test. */
  dataDir: string;
  /** Owners in the demo practice seeded on first launch (default 60: fast). */
  owners?: number;
  /** Resolve only once the workstation's initial sync is done (default true). */
  waitForSync?: boolean;
  /** Rebuild the UI even if `.build/renderer` exists (default false). */
  rebuildUi?: boolean;
  /**
   * Sign the workstation in as the first seeded staff member with this role (default the
   * launcher's: front desk). Sets VETDESK_DEMO_ROLE; applies to a fresh data folder only.
   */
  role?: StaffRole;
  /**
   * More environment for the launcher (e.g. DATABASE_URL). `VETDESK_CENTRAL_URL` (with
   * `VETDESK_ENROLMENT_CODE`) runs a workstation only, against that server (see `launchCluster`).
   */
  env?: Record<string, string>;
  /** Milliseconds before giving up on start-up (default 120 000: includes a first UI build). */
  timeoutMs?: number;
}

/**
 * A running VetDesk started as `npm start` starts it: central server, workstation and web
 * bridge, or in workstation-only mode the workstation and bridge against another server.
 */
export interface LaunchedVetdesk {
  /** The UI page, with the bridge secret in the fragment: give it to the browser as is. */
  url: string;
  /** `http://127.0.0.1:PORT`, the bridge's origin. */
  origin: string;
  bridgePort: number;
  secret: string;
  /** The central server this workstation syncs with (its own, or the one it was given). */
  centralUrl: string;
  child: ChildProcess;
  /** Everything the launcher printed so far. */
  output(): string;
  /** The demo staff and passwords printed on the first run (empty on later runs and in workstation mode). */
  accounts(): DemoAccountLine[];
  /** SIGTERM; resolves with the exit code (0 when everything stopped cleanly). */
  stop(): Promise<number | null>;
}

/** A demo staff member as the launcher's first run prints them. */
export interface DemoAccountLine {
  role: StaffRole;
  username: string;
  password: string;
  displayName: string;
}

/**
 * The demo accounts block the launcher prints once (launcher/demo-accounts.ts): the lines after
 * its heading up to the first blank line, columns separated by two or more spaces.
 */
export function parseDemoAccounts(output: string): DemoAccountLine[] {
  const lines = output.split('\n');
  const start = lines.indexOf(DEMO_ACCOUNTS_HEADING);
  if (start === -1) return [];
  const accounts: DemoAccountLine[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const [role, username, password, displayName] = line.trim().split(/\s{2,}/);
    const known = STAFF_ROLES.find((candidate) => candidate === role);
    if (!known || !username || !password || !displayName) throw new Error(`unexpected demo account line: ${line}`);
    accounts.push({ role: known, username, password, displayName });
  }
  return accounts;
}

/**
 * Runs `launcher/start-all.ts` as `npm start` does (`node --import tsx`: one process, so
 * SIGTERM reaches the launcher's own handler rather than a tsx wrapper) as a child process with
 * `VETDESK_DATA_DIR=dataDir`, free ports and no Electron window, and resolves once it printed
 * the UI URL (and, by default, finished the workstation's initial sync). A child process keeps
 * the launcher's own signal handling and stdout under test, and works from any test runner
 * (vitest or Playwright) without loading the backend into it.
 * @throws Error with everything the launcher printed if it exits or times out first.
 */
export function launchVetdesk(options: LaunchOptions): Promise<LaunchedVetdesk> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'launcher/start-all.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      VETDESK_BRIDGE_PORT: '0',
      VETDESK_ELECTRON: 'off',
      VETDESK_DATA_DIR: options.dataDir,
      VETDESK_DEMO_OWNERS: String(options.owners ?? 60),
      VETDESK_REBUILD_UI: options.rebuildUi ? '1' : '0',
      ...(options.role ? { VETDESK_DEMO_ROLE: options.role } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waitForSync = options.waitForSync ?? true;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`VetDesk did not start within ${options.timeoutMs ?? 120_000} ms:\n${output}`));
    }, options.timeoutMs ?? 120_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`VetDesk exited with ${code} before it was ready:\n${output}`));
    };
    const check = () => {
      const ui = /VetDesk UI: (http:\/\/127\.0\.0\.1:(\d+))\/#secret=([A-Za-z0-9_-]+)/.exec(output);
      // Its own server ("listening on"), or in workstation-only mode the one it was given ("at").
      const central = /central server (?:listening on|at) (http:\/\/\S+)/.exec(output);
      if (!ui || !central || (waitForSync && !/VetDesk workstation: up to date/.test(output))) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        url: ui[0].slice('VetDesk UI: '.length),
        origin: ui[1]!,
        bridgePort: Number(ui[2]),
        secret: ui[3]!,
        centralUrl: central[1]!,
        child,
        output: () => output,
        accounts: () => parseDemoAccounts(output),
        stop: () => {
          child.kill('SIGTERM');
          return exited(child);
        },
      });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      check();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
  });
}
