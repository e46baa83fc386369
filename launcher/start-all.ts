import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { isAppError } from '../core/errors.js';
import { defaultDataDir } from '../db/central/config.js';
import { BRIDGE_HOST, startWebBridge, type WebBridge } from '../electron/backend/web-bridge.js';
import { identitySettingsFromEnv } from '../electron/backend/identity/identity-settings.js';
import { FileSecretStore } from '../electron/backend/secret-store.js';
import { upgradeReport } from '../electron/backend/upgrade-report.js';
import { openWorkstation, type Workstation } from '../electron/backend/workstation.js';
import { serverConfigFromEnv, type ServerConfig } from '../server/config.js';
import { assertPortsAvailable, type RequestedPort } from '../server/net/port-available.js';
import { startServer, type RunningServer } from '../server/start.js';
import { seedDemoIfEmpty } from './demo-data.js';
import { enrolWorkstation, prepareDemoFirstRun, type DemoFirstRun } from './demo-first-run.js';
import { electronBinary, ensureElectronBuilt, launchElectron } from './electron-shell.js';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build.js';
import { launcherSettingsFromEnv, type LauncherSettings } from './settings.js';
import { printReadyBanner } from './ready-banner.js';
import { firstSyncSettled, reportSync } from './sync-report.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** How long start-up waits for the first sync before it prints the UI address anyway (offline). */
const FIRST_SYNC_WAIT_MS = 8_000;

/** How long identity requests to the demo's own server may take (see `main`). */
const LOCAL_SERVER_TIMEOUT_MS = 20_000;

/** Stops whatever started so far and exits; replaced by `main` once it can stop things. */
let shutdown: (reason: string, code: number) => Promise<void> = (_reason, code) => {
  process.exit(code);
};

/** The central server for the whole-product mode; on its first run, the demo practice and accounts. */
async function startCentralWithDemo(
  config: ServerConfig,
  settings: LauncherSettings,
  running: { server?: RunningServer },
): Promise<{ url: string; firstRun: DemoFirstRun | undefined }> {
  const server = await startServer(config, {
    onMigration: ({ direction, migration, elapsedMs }) => {
      print(
        `  migration ${direction} ${String(migration.version).padStart(4, '0')}_${migration.name} (${Math.round(elapsedMs)} ms)`,
      );
    },
  });
  running.server = server;
  print(`VetDesk central server listening on ${server.url} (${server.db.location})`);
  const seeded = await seedDemoIfEmpty(server.db, settings.VETDESK_DEMO_OWNERS, print);
  const firstRun = seeded ? await prepareDemoFirstRun(server.db, settings.VETDESK_DEMO_ROLE, print) : undefined;
  return { url: server.url, firstRun };
}

/** Who the ready banner says works here, from the workstation's identity after start-up. */
function signedInLine(workstation: Workstation, demo: boolean): string {
  const { enrolment, session } = workstation.identity.state();
  if (enrolment.state === 'not_enrolled') {
    return 'This workstation is not enrolled yet: the first screen asks for the server address and an enrolment code.';
  }
  if (session) return `Signed in as ${session.staff.displayName ?? session.staff.username}.`;
  return demo
    ? 'Sign in with a demo user name and password (printed when this demo first started).'
    : 'Sign in with your user name and password.';
}

/**
 * `npm start`: the whole product on one machine. Starts the central server (embedded PGlite in
 * `$VETDESK_DATA_DIR/central` unless DATABASE_URL is set; never with the development device
 * scheme), opens a workstation in `$VETDESK_DATA_DIR/workstation`, serves the UI through the web
 * bridge, and opens the desktop window when Electron is installed. Ctrl+C (or SIGTERM) stops
 * everything and exits 0.
 *
 * The first run (when it seeds the demo practice) goes the real way: every demo staff member
 * gets a random password, printed once; the server makes an enrolment code; the workstation
 * enrols with it over HTTP (its device token in a 0600 file) and signs the demo user
 * (`VETDESK_DEMO_ROLE`, front desk by default) in online. Later runs open on the sign-in screen.
 *
 * Workstation-only mode (`VETDESK_CENTRAL_URL` set): no central server and no seeding here. The
 * workstation enrols with `VETDESK_ENROLMENT_CODE` when given and not yet enrolled, else the
 * first-run screen asks. It starts and serves the UI whether or not the server answers (offline
 * first): the replica is local.
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

  // Everything that can be refused is refused before anything is migrated or seeded. The demo
  // server runs as a real one would: device tokens and signed changes only.
  const serverConfig = settings.central ? undefined : serverConfigFromEnv(env);
  // The demo's server is this process, on this machine: while it serves the first sync and
  // hashes with the production scrypt cost on a busy computer, a sign-in may take longer than
  // the default wait for a remote server before falling back to offline.
  const identitySettings = {
    ...identitySettingsFromEnv(env),
    ...(serverConfig ? { timeoutMs: LOCAL_SERVER_TIMEOUT_MS } : {}),
  };
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
  let central: { url: string; firstRun?: DemoFirstRun | undefined; enrolmentCode?: string };
  if (serverConfig) {
    central = await startCentralWithDemo(serverConfig, settings, running);
  } else {
    central = settings.central!;
    print(`VetDesk workstation mode: central server at ${central.url} (not started here)`);
  }
  const enrolmentCode = central.firstRun?.enrolmentCode ?? central.enrolmentCode;
  if (isStopping()) return;

  if (binary) {
    // The window runs the workstation backend itself (in a utilityProcess, see
    // docs/architecture.md) over the same data folder: one SQLite replica has one owner, so no
    // workstation or web bridge opens here.
    await ensureRendererBuilt(settings.VETDESK_REBUILD_UI === '1', print);
    await ensureElectronBuilt(settings.VETDESK_REBUILD_UI === '1', print);
    if (isStopping()) return;
    print('VetDesk: opening the desktop window (Electron)');
    // The window keeps its device token under the operating system's keychain (safeStorage),
    // which this process cannot write for it: its first-run screen takes the code instead.
    if (enrolmentCode !== undefined) {
      print(`In the window's first-run screen, enter server ${central.url} and enrolment code ${enrolmentCode}.`);
    }
    // The name electron/main/config.ts reads (the update feed's server).
    const shell = launchElectron(binary, { VETDESK_DATA_DIR: dataDir, VETDESK_SERVER_URL: central.url });
    running.shell = shell;
    shell.once('exit', () => void stop('window closed', 0));
    return;
  }

  // Never waits for the server: the replica is local, and the sync engine retries by itself.
  const workstation = await openWorkstation({
    dataDir: workstationDir,
    secrets: new FileSecretStore(path.join(workstationDir, 'secrets')),
    identity: identitySettings,
  });
  running.workstation = workstation;
  const upgraded = upgradeReport(workstation.replica.upgrade);
  if (upgraded !== null) print(upgraded);
  if (enrolmentCode !== undefined) {
    try {
      await enrolWorkstation(workstation, central.url, enrolmentCode, central.firstRun?.account);
    } catch (error) {
      // Offline first: the UI still opens, and its first-run or sign-in screen tries again.
      print(`VetDesk workstation: could not enrol or sign in (${isAppError(error) ? error.message : String(error)})`);
    }
  }
  if (isStopping()) return;
  const enrolment = workstation.identity.state().enrolment;
  print(
    enrolment.state === 'not_enrolled'
      ? `VetDesk workstation: data in ${workstationDir}, not enrolled yet`
      : `VetDesk workstation ${enrolment.deviceId} (${enrolment.deviceName}): data in ${workstationDir}, server ${enrolment.serverUrl}`,
  );
  if (workstation.sync) reportSync(workstation.sync, print);
  else
    workstation.identity.onEnrolled(() => {
      if (workstation.sync) reportSync(workstation.sync, print);
    });

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
  if (workstation.sync) await firstSyncSettled(workstation.sync, FIRST_SYNC_WAIT_MS);
  if (isStopping()) return;
  printReadyBanner(print, {
    url: bridge.url,
    who: signedInLine(workstation, serverConfig !== undefined),
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
