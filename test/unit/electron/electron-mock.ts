import { EventEmitter } from 'node:events';
import { type Mock, vi } from 'vitest';

// A hand-written stand-in for the parts of Electron the shell uses: the binary cannot be
// installed here (ENVIRONMENT.md), so the shell's wiring is checked against this instead.
//
// vi.resetModules (used to run main.ts afresh) gives each import of this file new module
// state; everything tests inspect therefore lives in one object kept on globalThis.

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

/** A WebContents: events, the window-open handler and posted messages are recorded. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = { url: 'app://vetdesk/index.html' };
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  /** Emits a navigation-like event and says whether a listener prevented it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    let prevented = false;
    this.emit(event, {
      url,
      preventDefault: () => {
        prevented = true;
      },
    });
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly focus = vi.fn();
  readonly show = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    state.windows.push(this);
    // Electron announces every new WebContents on the app, which is where main hardens it.
    state.app.emit('web-contents-created', {}, this.webContents);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export class FakeUtilityProcess extends EventEmitter {
  readonly posted: { message: unknown; transfer: unknown[] | undefined }[] = [];
  readonly kill = vi.fn(() => true);
  constructor(readonly modulePath: string) {
    super();
    state.utilityProcesses.push(this);
  }
  postMessage(message: unknown, transfer?: unknown[]): void {
    this.posted.push({ message, transfer });
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = false;
  userData = '/nonexistent';
  readonly requestSingleInstanceLock = vi.fn(() => true);
  readonly quit = vi.fn();
  readonly exit = vi.fn();
  readonly showAboutPanel = vi.fn();
  readonly getPath = vi.fn((_name: string) => this.userData);
  readonly whenReady = vi.fn(() => Promise.resolve());
}

export class FakeSession {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
}

export class FakeIpcRenderer extends EventEmitter {
  readonly sent: unknown[][] = [];
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

export class MessageChannelMain {
  readonly port1 = { name: 'port1' };
  readonly port2 = { name: 'port2' };
}

interface MockState {
  app: FakeApp;
  defaultSession: FakeSession;
  ipcMain: EventEmitter;
  ipcRenderer: FakeIpcRenderer;
  windows: FakeBrowserWindow[];
  utilityProcesses: FakeUtilityProcess[];
  exposed: { key: string; api: unknown }[];
  protocol: { registerSchemesAsPrivileged: Mock; handle: Mock };
  net: { fetch: Mock };
  Menu: { buildFromTemplate: Mock<(template: unknown) => unknown>; setApplicationMenu: Mock };
  dialog: { showErrorBox: Mock; showMessageBox: Mock<() => Promise<{ response: number; checkboxChecked: boolean }>> };
  utilityProcess: { fork: Mock<(modulePath: string) => FakeUtilityProcess> };
  contextBridge: { exposeInMainWorld: Mock<(key: string, api: unknown) => void> };
}

const state: MockState = ((globalThis as { __vetdeskElectronMock?: MockState }).__vetdeskElectronMock ??= {
  app: new FakeApp(),
  defaultSession: new FakeSession(),
  ipcMain: new EventEmitter(),
  ipcRenderer: new FakeIpcRenderer(),
  windows: [],
  utilityProcesses: [],
  exposed: [],
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
  Menu: { buildFromTemplate: vi.fn((template: unknown) => ({ template })), setApplicationMenu: vi.fn() },
  dialog: {
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(() => Promise.resolve({ response: 1, checkboxChecked: false })),
  },
  utilityProcess: { fork: vi.fn((modulePath: string) => new FakeUtilityProcess(modulePath)) },
  contextBridge: {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => {
      state.exposed.push({ key, api });
    }),
  },
});

export const app: FakeApp = state.app;
export const BrowserWindow: typeof FakeBrowserWindow = FakeBrowserWindow;
export const session: { defaultSession: FakeSession } = { defaultSession: state.defaultSession };
export const ipcMain: EventEmitter = state.ipcMain;
export const ipcRenderer: FakeIpcRenderer = state.ipcRenderer;
/** Windows created since the last reset. */
export const windows: FakeBrowserWindow[] = state.windows;
/** Utility processes forked since the last reset. */
export const utilityProcesses: FakeUtilityProcess[] = state.utilityProcesses;
/** What the preload handed to `contextBridge.exposeInMainWorld`. */
export const exposed: { key: string; api: unknown }[] = state.exposed;
export const { protocol, net, Menu, dialog, utilityProcess, contextBridge } = state;
/** No keychain, as on a Linux session without one: secrets stay in 0600 files unsealed. */
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: (plain: string): Buffer => {
    throw new Error(`no keychain to seal ${plain.length} characters`);
  },
  decryptString: (): string => {
    throw new Error('no keychain');
  },
};

/** Forgets everything recorded, so the next test starts from a fresh Electron. */
export function resetElectronMock(): void {
  for (const emitter of [state.app, state.ipcMain, state.ipcRenderer]) emitter.removeAllListeners();
  state.windows.length = 0;
  state.utilityProcesses.length = 0;
  state.exposed.length = 0;
  state.ipcRenderer.sent.length = 0;
  state.defaultSession.headersListener = null;
  state.defaultSession.permissionRequestHandler = null;
  state.defaultSession.permissionCheckHandler = null;
  state.app.isPackaged = false;
  vi.clearAllMocks();
  state.app.requestSingleInstanceLock.mockReturnValue(true);
}
