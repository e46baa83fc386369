import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserWindow, Menu, app, dialog, ipcMain, session } from 'electron';
import electronUpdater from 'electron-updater';
import { IPC_CONNECT_CHANNEL } from '../../core/api/ipc-protocol.js';
import { isAppError } from '../../core/errors.js';
import { RELEASE_PUBLIC_KEY_PEM } from '../../core/release/release-public-key.js';
import { registerAppScheme, serveRendererBundle } from './app-protocol.js';
import { type BackendHost, startBackend } from './backend-host.js';
import { type DesktopConfig, resolveDesktopConfig } from './config.js';
import { buildMenuTemplate } from './menu.js';
import { applyContentSecurityPolicy, denyAllPermissions, hardenWebContents, isAppUrl } from './security.js';
import { type AutoUpdates, startAutoUpdates } from './updater.js';
import { createMainWindow, focusWindow } from './window.js';

// Electron main: windows, menu, security, updates. It never touches the database or calls the
// backend: it forks the backend and hands the page a MessagePort to it for each connection.

// The bundle layout made by `npm run build:electron`: .build/app/{main.mjs,preload.cjs,
// backend.mjs} beside .build/renderer/.
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, 'preload.cjs');
const BACKEND_ENTRY = path.join(here, 'backend.mjs');
const RENDERER_ROOT = path.join(here, '..', 'renderer');

function fatal(error: unknown): void {
  const message = isAppError(error) ? `${error.message} (${error.code})` : String(error);
  console.error(`VetDesk cannot start: ${message}`);
  dialog.showErrorBox('VetDesk cannot start', message);
  app.exit(1);
}

/**
 * Runs the updater once the backend says which device this is (for staged rollouts), relays its
 * state to the backend (the page shows it) and the page's commands and the server's 426 back.
 * An update feed that is not https is logged and leaves the app without updates.
 */
function runUpdates(backend: BackendHost, config: DesktopConfig & { serverUrl: string }): void {
  void backend.opened.then(
    ({ deviceId }) => {
      let updates: AutoUpdates;
      try {
        updates = startAutoUpdates({
          updater: electronUpdater.autoUpdater,
          serverUrl: config.serverUrl,
          channel: config.updateChannel,
          deviceId,
          publicKeyPem: RELEASE_PUBLIC_KEY_PEM,
          platform: process.platform,
          arch: process.arch,
          onState: (state) => {
            backend.updateState(state);
          },
          log: (message) => {
            console.warn(message);
          },
        });
      } catch (error) {
        console.warn(isAppError(error) ? `${error.message} (${error.code})` : String(error));
        return;
      }
      backend.updateState(updates.state());
      backend.onUpdateRequest((request) => {
        if (request.type === 'protocol-too-old') updates.protocolTooOld(request.reason);
        else if (request.command === 'check') updates.check();
        else if (updates.state().state === 'ready') updates.install();
        else console.warn('update install asked for while no verified version is ready: ignored');
      });
    },
    // A backend that cannot open is reported by `fatal`.
    () => undefined,
  );
}

function start(state: { window: BrowserWindow | null }): void {
  const config = resolveDesktopConfig(app.getPath('userData'));
  applyContentSecurityPolicy(session.defaultSession);
  denyAllPermissions(session.defaultSession);
  serveRendererBundle(RENDERER_ROOT);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        development: !app.isPackaged,
        showAbout: () => {
          app.showAboutPanel();
        },
      }),
    ),
  );

  const backend: BackendHost = startBackend(BACKEND_ENTRY, config);
  backend.onUnexpectedExit((code) => {
    fatal(new Error(`the VetDesk backend stopped unexpectedly (exit code ${code})`));
  });
  backend.opened.catch(fatal);

  // Only the main window's own page gets a port: a frame from anywhere else asking is ignored.
  ipcMain.on(IPC_CONNECT_CHANNEL, (event) => {
    const window = state.window;
    if (!window || event.sender !== window.webContents) return;
    if (!event.senderFrame || event.senderFrame !== window.webContents.mainFrame) return;
    if (!isAppUrl(event.senderFrame.url)) return;
    backend.connect(event.sender);
  });

  state.window = createMainWindow(PRELOAD);
  state.window.on('closed', () => {
    state.window = null;
  });

  // Let the backend record its in-flight push and close SQLite before the app exits.
  let backendStopped = false;
  app.on('before-quit', (event) => {
    if (backendStopped) return;
    event.preventDefault();
    void backend.stop().then(() => {
      backendStopped = true;
      app.quit();
    });
  });

  const { serverUrl } = config;
  if (app.isPackaged && serverUrl !== undefined) runUpdates(backend, { ...config, serverUrl });
}

/** Starts the desktop app, or hands over to the instance already running. */
function main(): void {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    // Another VetDesk owns this workstation's database: let it come forward, then leave.
    app.quit();
    return;
  }
  const state: { window: BrowserWindow | null } = { window: null };
  app.on('second-instance', () => {
    focusWindow(state.window);
  });
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents);
  });
  // One window is the whole app: closing it quits, on macOS too, so the backend stops cleanly.
  app.on('window-all-closed', () => {
    app.quit();
  });
  app
    .whenReady()
    .then(() => {
      start(state);
    })
    .catch(fatal);
}

main();
