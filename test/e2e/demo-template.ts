import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../../core/domain/enums.js';
import { freePort } from '../helpers/free-port.js';
import { launchVetdesk, type DemoAccountLine, type LaunchedVetdesk } from '../helpers/launch-vetdesk.js';

/**
 * A demo data folder made once per run and copied for each test: what `npm start` leaves behind
 * after its first run (a migrated and seeded central database in which every demo staff member
 * has a password, and a workstation enrolled with it and synced), stopped cleanly. A launch on a
 * copy is the demo's second start, the path every clinic takes each morning: the data and the
 * enrolment are there, and people sign in on the sign-in screen. The first run itself (seeding,
 * printed passwords, enrolment, automatic sign-in) is covered by
 * test/integration/bridge/npm-start.test.ts and by the one launch that makes the template.
 */
export interface DemoTemplate {
  /** The stopped first run's data folder: never launched on, only copied. */
  dataDir: string;
  /** The demo staff and the passwords the first run printed for them. */
  accounts: DemoAccountLine[];
  /**
   * The central server's port in the first run. The workstation was enrolled with that address
   * and keeps it, as a real one does: every copy's server listens on it again, so only one
   * copy can run at a time.
   */
  centralPort: number;
}

/** Owners in the demo practice of the end-to-end tests: small, so that it seeds and syncs fast. */
export const E2E_DEMO_OWNERS = 40;

/** The environment variable naming the folder, made by the global setup, where the template lives. */
export const TEMPLATE_ROOT_VARIABLE = 'VETDESK_E2E_TEMPLATE_ROOT';

/** Beside `central/` and `workstation/` in the template (and its copies), which ignore it. */
const ABOUT_FILE = 'e2e-demo-template.json';

const aboutFile = z.object({
  centralPort: z.number().int().min(1).max(65_535),
  accounts: z.array(
    z.object({
      role: z.enum(STAFF_ROLES),
      username: z.string().min(1),
      password: z.string().min(1),
      displayName: z.string().min(1),
    }),
  ),
});

/** The template under `root` if one was made already (by this worker or an earlier one of the run). */
async function existingTemplate(root: string): Promise<DemoTemplate | undefined> {
  const dataDir = path.join(root, 'template');
  try {
    const text = await readFile(path.join(dataDir, ABOUT_FILE), 'utf8');
    return { dataDir, ...aboutFile.parse(JSON.parse(text)) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The run's template under `root`, made on first use: `npm start`'s first run on a folder of
 * its own, stopped once it is up to date. Made in a private folder and renamed into place, so a
 * worker never copies a template another one is still writing. Kept across worker restarts (a failed test restarts its worker).
 * @throws Error with the launcher's output when the first run fails or does not stop cleanly.
 */
export async function ensureDemoTemplate(root: string): Promise<DemoTemplate> {
  const found = await existingTemplate(root);
  if (found) return found;
  await mkdir(root, { recursive: true });
  const building = await mkdtemp(path.join(root, 'building-'));
  const centralPort = await freePort();
  const vetdesk = await launchVetdesk({
    dataDir: building,
    owners: E2E_DEMO_OWNERS,
    timeoutMs: 300_000,
    env: { PORT: String(centralPort) },
  });
  const accounts = vetdesk.accounts();
  const code = await vetdesk.stop();
  if (code !== 0 || accounts.length === 0) {
    await rm(building, { recursive: true, force: true });
    throw new Error(`the demo template's first run failed (exit ${code}):\n${vetdesk.output()}`);
  }
  await writeFile(path.join(building, ABOUT_FILE), JSON.stringify({ centralPort, accounts }));
  const dataDir = path.join(root, 'template');
  try {
    await rename(building, dataDir);
  } catch (error) {
    // Another worker finished first: use its template, which is as good as this one.
    await rm(building, { recursive: true, force: true });
    const other = await existingTemplate(root);
    if (other) return other;
    throw error;
  }
  return { dataDir, accounts, centralPort };
}

/** The demo account a launch on the template signs in for `role`: the first the first run printed. */
export function demoAccountFor(template: DemoTemplate, role: StaffRole): DemoAccountLine {
  const account = template.accounts.find((candidate) => candidate.role === role);
  if (!account) throw new Error(`the demo practice has no ${role} account`);
  return account;
}

/** A VetDesk started on a copy of the template, with the folder it runs on. */
export interface TemplateLaunch {
  vetdesk: LaunchedVetdesk;
  /** The copy: removed by `stop`. */
  dataDir: string;
  /** Stops the launcher (SIGTERM) and removes its folder; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Copies the template to a fresh folder and starts VetDesk on it as `npm start` would (its
 * second start: the central server on the copied database and the first run's port, the
 * enrolled workstation, the web bridge), resolving once the workstation is up to date. Nobody
 * is signed in yet. The previous copy's VetDesk must have stopped (see `centralPort`).
 * `beforeStart` changes the stopped copy first (its data folder), as an admin works on a
 * stopped server's embedded database.
 */
export async function launchFromTemplate(
  template: DemoTemplate,
  options: { beforeStart?: (dataDir: string) => Promise<void> } = {},
): Promise<TemplateLaunch> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vetdesk-e2e-'));
  try {
    // The secret store's folder and files keep their 0700/0600 modes: `cp` copies modes.
    await cp(template.dataDir, dataDir, { recursive: true });
    await options.beforeStart?.(dataDir);
    const vetdesk = await launchVetdesk({
      dataDir,
      owners: E2E_DEMO_OWNERS,
      env: { PORT: String(template.centralPort) },
    });
    return {
      vetdesk: { ...vetdesk, accounts: () => template.accounts },
      dataDir,
      async stop() {
        try {
          return await vetdesk.stop();
        } finally {
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
