import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { STAFF_ROLES } from '../core/domain/enums.js';
import { AppError, ErrorCode, isAppError } from '../core/errors.js';
import { defaultDataDir } from '../db/central/config.js';
import { startWebBridge, type WebBridge } from '../electron/backend/web-bridge.js';
import { openWorkstation, type Workstation } from '../electron/backend/workstation.js';
import { serverConfigFromEnv } from '../server/config.js';
import { startServer, type RunningServer } from '../server/start.js';
import { seedDemoIfEmpty, demoStaff } from './demo-data.js';
import { ELECTRON_MAIN, electronBinary, launchElectron } from './electron-shell.js';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build.js';

const launcherEnvSchema = z.object({
  VETDESK_BRIDGE_PORT: z.coerce.number().int().min(0).max(65_535).default(0),
  VETDESK_DEMO_OWNERS: z.coerce.number().int().min(1).max(200_000).default(1500),
  /**
   * Who the demo workstation signs in as on its first run (no `demo-session.json` yet): the
   * first staff member with this role. Front desk by default; tests of clinical records use `vet`.
   */
  VETDESK_DEMO_ROLE: z.enum(STAFF_ROLES).default('front_desk'),
  /** `off` never opens the desktop window (tests, and to use a browser on a desktop machine). */
  VETDESK_ELECTRON: z.enum(['auto', 'off']).default('auto'),
  /** `1` rebuilds the UI even when a build exists (after changing renderer/). */
  VETDESK_REBUILD_UI: z.enum(['0', '1']).default('0'),
  /** Serve the UI from this folder instead of building `.build/renderer` (tests use a fixture). */
  VETDESK_RENDERER_DIR: z.string().min(1).optional(),
});

const print = (line: string) => process.stdout.write(`${line}\n`);

/** Prints initial-sync progress in 10 % steps, then one line when the replica is up to date. */
function reportSync(workstation: Workstation): void {
  let lastTenth = -1;
  let done = false;
  const check = () => {
    const { initialSync } = workstation.sync.status();
    if (done) return;
    if (initialSync.done && initialSync.rowsExpected !== null) {
      done = true;
      print(`VetDesk workstation: up to date (${initialSync.rowsReceived} rows)`);
      return;
    }
    if (initialSync.rowsExpected) {
      const tenth = Math.floor((10 * initialSync.rowsReceived) / initialSync.rowsExpected);
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        print(
          `VetDesk workstation: initial sync ${tenth * 10}% (${initialSync.rowsReceived}/${initialSync.rowsExpected} rows)`,
        );
      }
    }
  };
  workstation.sync.onStatus(check);
  check();
}

/**
 * `npm start`: the whole product on one machine. Starts the central server (embedded PGlite in
 * `$VETDESK_DATA_DIR/central` unless DATABASE_URL is set), seeds a demo practice on the first
 * run, opens a workstation in `$VETDESK_DATA_DIR/workstation` signed in as the demo's front
 * desk, serves the UI through the web bridge, and opens the desktop window when Electron is
 * installed. Ctrl+C (or SIGTERM) stops everything and exits 0.
 *
 * It lives in `launcher/`, above both `server/` and `electron/`, because it composes the two:
 * neither layer may import the other.
 */
let shutdown: (reason: string, code: number) => Promise<void> = (_reason, code) => {
  process.exit(code);
};

async function main(): Promise<void> {
  // The central server logs every request as a JSON line; with a workstation syncing beside it
  // that would drown the few lines a person needs, so the launcher defaults to warnings.
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env };
  const parsed = launcherEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `Invalid settings: ${problems.join('; ')}`, { problems });
  }
  const settings = parsed.data;
  const serverConfig = serverConfigFromEnv(env);
  const dataDir = env['VETDESK_DATA_DIR'] ? path.resolve(env['VETDESK_DATA_DIR']) : defaultDataDir(env);
  const workstationDir = path.join(dataDir, 'workstation');

  // What is running so far, for a stop that may come at any point of start-up.
  const running: { server?: RunningServer; workstation?: Workstation; bridge?: WebBridge; shell?: ChildProcess } = {};
  let stopping = false;
  // A function, so that checks after an await are not narrowed away by the compiler.
  const isStopping = () => stopping;
  const stop = async (signal: string, code: number) => {
    if (stopping) return;
    stopping = true;
    print(`VetDesk stopping (${signal})`);
    running.shell?.kill('SIGTERM');
    try {
      await running.bridge?.close();
      await running.workstation?.stop();
      await running.server?.close();
    } catch (error) {
      process.stderr.write(`error while stopping: ${String(error)}\n`);
      code = 1;
    }
    process.exit(code);
  };
  shutdown = stop;
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  print(`VetDesk: data in ${dataDir}`);
  const server = await startServer(serverConfig, {
    onMigration: ({ direction, migration, elapsedMs }) => {
      print(
        `  migration ${direction} ${String(migration.version).padStart(4, '0')}_${migration.name} (${Math.round(elapsedMs)} ms)`,
      );
    },
  });
  running.server = server;
  print(`VetDesk central server listening on ${server.url} (${server.db.location})`);
  await seedDemoIfEmpty(server.db, settings.VETDESK_DEMO_OWNERS, print);
  const staff = await demoStaff(server.db, workstationDir, settings.VETDESK_DEMO_ROLE);
  if (isStopping()) return;

  const workstation = await openWorkstation({ dataDir: workstationDir, serverUrl: server.url, staffId: staff.id });
  running.workstation = workstation;
  print(`VetDesk workstation ${workstation.deviceId}: data in ${workstationDir}, signed in as ${staff.displayName}`);
  reportSync(workstation);

  const rendererDir = settings.VETDESK_RENDERER_DIR ? path.resolve(settings.VETDESK_RENDERER_DIR) : RENDERER_DIR;
  if (!settings.VETDESK_RENDERER_DIR) await ensureRendererBuilt(settings.VETDESK_REBUILD_UI === '1', print);
  if (isStopping()) return;
  const bridge = await startWebBridge({
    backend: workstation.backend,
    port: settings.VETDESK_BRIDGE_PORT,
    rendererDir,
    onInternalError: (error) => process.stderr.write(`web bridge: ${String(error)}\n`),
  });
  running.bridge = bridge;

  const binary = settings.VETDESK_ELECTRON === 'auto' ? electronBinary() : undefined;
  if (binary && existsSync(ELECTRON_MAIN)) {
    print('VetDesk: opening the desktop window (Electron)');
    const shell = launchElectron(binary, {
      VETDESK_DATA_DIR: dataDir,
      VETDESK_CENTRAL_URL: server.url,
      VETDESK_STAFF_ID: staff.id,
      VETDESK_BRIDGE_URL: bridge.url,
    });
    running.shell = shell;
    shell.once('exit', () => void stop('window closed', 0));
  } else {
    print(
      binary
        ? 'VetDesk: the desktop shell (electron/main/main.ts) is not built yet; the UI is served through the web bridge.'
        : 'VetDesk: Electron is not installed here; the UI is served through the web bridge.',
    );
  }
  print(`VetDesk UI: ${bridge.url}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `VetDesk could not start: ${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`,
  );
  void shutdown('start-up failed', 1);
});
