import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CONNECT_CHANNEL, IPC_PORT_CHANNEL } from '../../../core/api/ipc-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security.js';
import {
  type FakeBrowserWindow,
  utilityProcesses,
  windows,
  Menu,
  app,
  ipcMain,
  protocol,
  resetElectronMock,
  session,
  utilityProcess,
} from './electron-mock.js';

vi.mock('electron', () => import('./electron-mock.js'));
vi.mock('electron-updater', async () => {
  const { EventEmitter } = await import('node:events');
  const autoUpdater = Object.assign(new EventEmitter(), {
    setFeedURL: () => undefined,
    checkForUpdates: () => Promise.resolve(null),
    quitAndInstall: () => undefined,
  });
  return { default: { autoUpdater } };
});

/** Runs electron/main/main.ts afresh under the mock and lets `app.whenReady()` settle. */
async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../../electron/main/main.js');
  await new Promise((resolve) => setImmediate(resolve));
}

function onlyWindow(): FakeBrowserWindow {
  expect(windows).toHaveLength(1);
  return windows[0]!;
}

beforeEach(() => {
  resetElectronMock();
  app.userData = mkdtempSync(path.join(os.tmpdir(), 'vetdesk-main-'));
  vi.stubEnv('VETDESK_SERVER_URL', 'http://127.0.0.1:9');
  vi.stubEnv('VETDESK_DATA_DIR', '');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('electron main', () => {
  it('opens the window with exactly the secure webPreferences and the app:// entry page', async () => {
    await startMain();
    const window = onlyWindow();
    expect(window.options['webPreferences']).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: expect.stringMatching(/preload\.cjs$/),
    });
    expect(window.loadURL).toHaveBeenCalledWith('app://vetdesk/index.html');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
  });

  it('sets the strict CSP on responses, replacing one the response carried', async () => {
    await startMain();
    const listener = session.defaultSession.headersListener!;
    let headers: Record<string, string[]> | undefined;
    listener(
      {
        url: 'app://vetdesk/index.html',
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    );
  });

  it('denies window.open', async () => {
    await startMain();
    const handler = onlyWindow().webContents.windowOpenHandler!;
    expect(handler({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://vetdesk/index.html' })).toEqual({ action: 'deny' });
  });

  it('prevents navigation and redirects to other origins and allows the app’s own', async () => {
    await startMain();
    const contents = onlyWindow().webContents;
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://other/index.html')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://vetdesk@evil.example/')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://vetdesk/index.html#/patients')).toBe(false);
    expect(contents.navigate('will-redirect', 'app://vetdesk/index.html')).toBe(false);
    expect(contents.navigate('will-attach-webview', 'app://vetdesk/index.html')).toBe(true);
  });

  it('denies every permission request and check', async () => {
    await startMain();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      session.defaultSession.permissionRequestHandler!({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(session.defaultSession.permissionCheckHandler!({}, 'media')).toBe(false);
  });

  it('quits a second instance without opening a window or starting a backend', async () => {
    app.requestSingleInstanceLock.mockReturnValue(false);
    await startMain();
    expect(app.quit).toHaveBeenCalled();
    expect(windows).toHaveLength(0);
    expect(utilityProcess.fork).not.toHaveBeenCalled();
  });

  it('focuses (and restores) the first window when a second instance starts', async () => {
    await startMain();
    const window = onlyWindow();
    window.minimized = true;
    app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('forks the backend and relays a fresh port to the window’s page without calling the backend', async () => {
    await startMain();
    expect(utilityProcess.fork).toHaveBeenCalledWith(expect.stringMatching(/backend\.mjs$/), [], expect.anything());
    const backend = utilityProcesses[0]!;
    expect(backend.posted[0]?.message).toEqual({
      type: 'open',
      dataDir: path.join(app.userData, 'workstation'),
      sealSecrets: expect.any(Boolean),
    });
    const contents = onlyWindow().webContents;
    ipcMain.emit(IPC_CONNECT_CHANNEL, { sender: contents, senderFrame: contents.mainFrame });
    expect(backend.posted[1]).toEqual({ message: { type: 'connect' }, transfer: [{ name: 'port1' }] });
    expect(contents.posted).toEqual([{ channel: IPC_PORT_CHANNEL, message: null, transfer: [{ name: 'port2' }] }]);
    // A frame that is not the window's own app page gets nothing.
    ipcMain.emit(IPC_CONNECT_CHANNEL, { sender: contents, senderFrame: { url: 'https://evil.example/' } });
    expect(contents.posted).toHaveLength(1);
  });

  it('offers reload only in development', async () => {
    const roles = () => {
      const template = Menu.buildFromTemplate.mock.calls.at(-1)![0] as {
        label: string;
        submenu: { role?: string }[];
      }[];
      return template.find((menu) => menu.label === 'View')!.submenu.map((item) => item.role);
    };
    await startMain();
    expect(roles()).toContain('reload');
    resetElectronMock();
    app.isPackaged = true;
    await startMain();
    expect(roles()).not.toContain('reload');
    expect(roles()).toEqual(expect.arrayContaining(['zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('in a packaged app runs the updater for the device once the backend opened, relaying state and requests', async () => {
    app.isPackaged = true;
    await startMain();
    const { autoUpdater } = (await import('electron-updater')).default;
    const quitAndInstall = vi.spyOn(autoUpdater, 'quitAndInstall');
    const backend = utilityProcesses[0]!;
    const device = '0190a5c4-7d2e-7c3a-9b1f-3e4d5c6b7a80';
    backend.emit('message', { type: 'opened', deviceId: device });
    await new Promise((resolve) => setImmediate(resolve));
    expect(autoUpdater.requestHeaders).toEqual({ 'x-vetdesk-device': device });
    expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
    const states = () =>
      backend.posted
        .map(({ message }) => message)
        .filter((message) => (message as { type: string }).type === 'update-state');
    expect(states()).toEqual([{ type: 'update-state', state: { state: 'idle' } }]);
    // Nothing verified is ready: a page asking to install changes nothing.
    backend.emit('message', { type: 'update-command', command: 'install' });
    expect(quitAndInstall).not.toHaveBeenCalled();
    backend.emit('message', { type: 'protocol-too-old', reason: 'update the workstation' });
    expect(states().at(-1)).toEqual({
      type: 'update-state',
      state: { state: 'required', reason: 'update the workstation' },
    });
  });
});
