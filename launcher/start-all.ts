import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isAppError } from '../core/errors.js';
import { defaultDataDir } from '../db/central/config.js';
import { BRIDGE_HOST, startWebBridge, type WebBridge } from '../electron/backend/web-bridge.js';
import { openWorkstation, type Workstation } from '../electron/backend/workstation.js';
import { serverConfigFromEnv, type ServerConfig } from '../server/config.js';
import { assertPortsAvailable, type RequestedPort } from '../server/net/port-available.js';
import { startServer, type RunningServer } from '../server/start.js';
import { seedDemoIfEmpty, demoStaff } from './demo-data.js';
import { electronBinary, ensureElectronBuilt, launchElectron } from './electron-shell.js';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build.js';
import { launcherSettingsFromEnv, type LauncherSettings } from './settings.js';
import { printReadyBanner } from './ready-banner.js';
import { firstSyncSettled, reportSync } from './sync-report.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** How long start-up waits for the first sync before it prints the UI address anyway (offline). */
const FIRST_SYNC_WAIT_MS = 8_000;

/** Stops whatever started so far and exits; replaced by `main` once it can stop things. */
let shutdown: (reason: string, code: number) => Promise<void> = (_reason, code) => {
  process.exit(code);
};

/** The central server for the whole-product mode, with the demo practice and its staff member. */
async function startCentralWithDemo(
  config: ServerConfig,
  settings: LauncherSettings,
  workstationDir: string,
  running: { server?: RunningServer },
): Promise<{ url: string; staffId: string; staffName: string }> {
  const server = await startServer(config, {
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
  return { url: server.url, staffId: staff.id, staffName: staff.displayName };
}

/**
 * `npm start`: the whole product on one machine. Starts the central server (embedded PGlite in
 * `$VETDESK_DATA_DIR/central` unless DATABASE_URL is set), seeds a demo practice on the first
 * run, opens a workstation in `$VETDESK_DATA_DIR/workstation` signed in as the demo's front
 * desk, serves the UI through the web bridge, and opens the desktop window when Electron is
 * installed. Ctrl+C (or SIGTERM) stops everything and exits 0.
 *
 * Workstation-only mode (`VETDESK_CENTRAL_URL` and `VETDESK_STAFF_ID` set): no central server
 * and no seeding here; the workstation syncs with that URL as that staff member. It starts and
 * serves the UI whether or not the server answers (offline first): the replica is local.
 *
 * It lives in `launcher/`, above both `server/` and `electron/`, because it composes the two:
 * neither layer may import the other.
 */
async function main(): Promise<void> {
  // The central server logs every request as a JSON line; with a workstation syncing beside it
  // that would drown the few lines a person needs, so the launcher defaults to warnings.
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', ...process.env };
  const settings = launcherSettingsFromEnv(env);
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

  // Everything that can be refused is refused before anything is migrated or seeded.
  // The demo's workstation still speaks the development device scheme (until it enrols through
  // the real path), so the demo server accepts it; startServer refuses that off loopback.
  const serverConfig = settings.central ? undefined : { ...serverConfigFromEnv(env), developmentAuth: true };
  const binary = settings.VETDESK_ELECTRON === 'auto' ? electronBinary() : undefined;
  const ports: RequestedPort[] = [];
  if (serverConfig) {
    ports.push({ host: serverConfig.host, port: serverConfig.port, variable: 'PORT', purpose: 'the central server' });
  }
  if (!binary) {
    ports.push({
      host: BRIDGE_HOST,
      port: settings.VETDESK_BRIDGE_PORT,
      variable: 'VETDESK_BRIDGE_PORT',
      purpose: 'the web bridge serving the UI',
    });
  }
  await assertPortsAvailable(ports);

  print(`VetDesk: data in ${dataDir}`);
  let central: { url: string; staffId: string; staffName?: string };
  if (serverConfig) {
    central = await startCentralWithDemo(serverConfig, settings, workstationDir, running);
  } else {
    central = settings.central!;
    print(`VetDesk workstation mode: central server at ${central.url} (not started here)`);
  }
  if (isStopping()) return;

  if (binary) {
    // The window runs the workstation backend itself (in a utilityProcess, see
    // docs/architecture.md) over the same data folder: one SQLite replica has one owner, so no
    // workstation or web bridge opens here.
    await ensureRendererBuilt(settings.VETDESK_REBUILD_UI === '1', print);
    await ensureElectronBuilt(settings.VETDESK_REBUILD_UI === '1', print);
    if (isStopping()) return;
    print('VetDesk: opening the desktop window (Electron)');
    const shell = launchElectron(binary, {
      VETDESK_DATA_DIR: dataDir,
      // The names electron/main/config.ts reads.
      VETDESK_SERVER_URL: central.url,
      VETDESK_STAFF_ID: central.staffId,
    });
    running.shell = shell;
    shell.once('exit', () => void stop('window closed', 0));
    return;
  }

  // Never waits for the server: the replica is local, and the sync engine retries by itself.
  const workstation = await openWorkstation({
    dataDir: workstationDir,
    serverUrl: central.url,
    staffId: central.staffId,
  });
  running.workstation = workstation;
  // In workstation mode the name is known once the replica has the practice's staff.
  const known = workstation.replica.get('staff', central.staffId)?.['display_name'];
  const staffName = central.staffName ?? (typeof known === 'string' ? known : `staff member ${central.staffId}`);
  print(`VetDesk workstation ${workstation.deviceId}: data in ${workstationDir}, signed in as ${staffName}`);
  reportSync(workstation, print);

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
  // The address is the one line a person needs: it comes last, once the first sync has had a
  // moment (the demo's takes a few seconds), so progress lines do not push it off the screen.
  await firstSyncSettled(workstation, FIRST_SYNC_WAIT_MS);
  if (isStopping()) return;
  printReadyBanner(print, {
    url: bridge.url,
    staffName,
    why:
      settings.VETDESK_ELECTRON === 'off'
        ? 'VetDesk: desktop window off (VETDESK_ELECTRON=off); the UI is served through the web bridge.'
        : 'VetDesk: Electron is not installed here; the UI is served through the web bridge.',
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `VetDesk could not start: ${isAppError(error) ? `${error.code}: ${error.message}` : String(error)}\n`,
  );
  void shutdown('start-up failed', 1);
});
