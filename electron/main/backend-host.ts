import { MessageChannelMain, safeStorage, type UtilityProcess, type WebContents, utilityProcess } from 'electron';
import { IPC_PORT_CHANNEL } from '../../core/api/ipc-protocol.js';
import { AppError, ErrorCode } from '../../core/errors.js';
import type { UpdateState } from '../../core/update/update-state.js';
import {
  type ControlFromBackend,
  type ControlToBackend,
  controlFromBackendSchema,
} from '../backend-process/control.js';
import type { DesktopConfig } from './config.js';
import { answerSecretRequest } from './secret-relay.js';

/** How long a stopping backend gets to record its in-flight push and close SQLite. */
const STOP_GRACE_MS = 5_000;

/** The backend utility process, seen from main: main starts it and relays ports, nothing else. */
export interface BackendHost {
  /** Resolves once the workstation is open; rejects with the backend's AppError if it cannot open. */
  readonly opened: Promise<{ deviceId: string | null }>;
  /** Gives `contents` a fresh MessagePort whose other end the backend serves. */
  connect(contents: WebContents): void;
  /** Asks the backend to stop and resolves once it has exited (or the grace period ran out). */
  stop(): Promise<void>;
  /** Called when the backend exits without being asked to. */
  onUnexpectedExit(listener: (code: number) => void): void;
  /** Tells the backend (and through it the page) the updater's state. */
  updateState(state: UpdateState): void;
  /** Called with the page's update commands and the server's 426, relayed by the backend. */
  onUpdateRequest(listener: (request: UpdateRequest) => void): void;
}

/** What the backend asks of main's updater. */
export type UpdateRequest = Extract<ControlFromBackend, { type: 'update-command' | 'protocol-too-old' }>;

/**
 * Forks the backend (`entry`, the bundled electron/backend-process/entry.ts) as a utility
 * process and asks it to open the workstation described by `config`.
 */
export function startBackend(entry: string, config: DesktopConfig): BackendHost {
  const child: UtilityProcess = utilityProcess.fork(entry, [], { serviceName: 'VetDesk backend', stdio: 'inherit' });
  const send = (message: ControlToBackend, transfer?: Electron.MessagePortMain[]) => {
    child.postMessage(message, transfer);
  };
  let stopping = false;
  let exitListener: (code: number) => void = () => undefined;
  let updateListener: (request: UpdateRequest) => void = () => undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      if (!stopping) exitListener(code);
      resolve();
    });
  });

  const opened = new Promise<{ deviceId: string | null }>((resolve, reject) => {
    child.on('message', (data: unknown) => {
      const parsed = controlFromBackendSchema.safeParse(data);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === 'opened') resolve({ deviceId: message.deviceId });
      else if (message.type === 'failed') reject(AppError.fromWire(message.error));
      else if (message.type === 'secret') send(answerSecretRequest(safeStorage, message));
      else updateListener(message);
    });
    void exited.then(() => {
      reject(new AppError(ErrorCode.Internal, 'The VetDesk backend exited before opening the workstation'));
    });
  });
  // Without a keychain (a Linux session with none), secrets stay in 0600 files unsealed.
  send({ type: 'open', dataDir: config.dataDir, sealSecrets: safeStorage.isEncryptionAvailable() });

  return {
    opened,
    connect(contents) {
      // One channel per connection the page's client opens (at load, and again after it lost
      // its backend): the backend serves each new port beside any old one, which closes when
      // its page end goes away.
      const { port1, port2 } = new MessageChannelMain();
      send({ type: 'connect' }, [port1]);
      contents.postMessage(IPC_PORT_CHANNEL, null, [port2]);
    },
    async stop() {
      if (stopping) return exited;
      stopping = true;
      send({ type: 'stop' });
      const timer = setTimeout(() => child.kill(), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
    onUnexpectedExit(listener) {
      exitListener = listener;
    },
    updateState(state) {
      if (!stopping) send({ type: 'update-state', state });
    },
    onUpdateRequest(listener) {
      updateListener = listener;
    },
  };
}
