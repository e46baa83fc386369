// The backend's entry in Electron's utilityProcess: SQLite and sync run here, never in main.
// `import type` brings in the `process.parentPort` declaration without loading Electron.
import type {} from 'electron';
import path from 'node:path';
import { AppError, ErrorCode, isAppError } from '../../core/errors.js';
import { EncryptedSecretStore, FileSecretStore, type SecretStore } from '../backend/secret-store.js';
import { RelayedUpdateControl, watchProtocolMismatch } from '../backend/update-control.js';
import { type Workstation, openWorkstation } from '../backend/workstation.js';
import { type ControlFromBackend, controlToBackendSchema } from './control.js';
import { RelayCipher } from './relay-cipher.js';
import { type BackendPort, servePort } from './serve-port.js';

let workstation: Workstation | null = null;
/** Ports that arrived before the workstation finished opening. */
const waiting: BackendPort[] = [];
const stops: (() => void)[] = [];
const cipher = new RelayCipher(report);
const updates = new RelayedUpdateControl((command) => {
  report({ type: 'update-command', command });
});

/** The device token's store: files under the data folder, sealed by main's safeStorage when it can. */
function secretStore(dataDir: string, sealSecrets: boolean): SecretStore {
  const files = new FileSecretStore(path.join(dataDir, 'secrets'));
  return sealSecrets ? new EncryptedSecretStore(files, cipher) : files;
}

function report(message: ControlFromBackend): void {
  process.parentPort.postMessage(message);
}

/** A bug in a handler: the page sees INTERNAL with a fixed message, the log gets the real one. */
function logInternal(error: unknown): void {
  process.stderr.write(`VetDesk backend: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

function serve(port: BackendPort): void {
  if (workstation) stops.push(servePort(port, workstation.backend, logInternal));
  else waiting.push(port);
}

async function stop(): Promise<void> {
  for (const stopServing of stops.splice(0)) stopServing();
  await workstation?.stop();
  process.exit(0);
}

process.parentPort.on('message', (event) => {
  const parsed = controlToBackendSchema.safeParse(event.data);
  if (!parsed.success) return; // only main writes to this port; a bad message is a bug, not input
  const message = parsed.data;
  switch (message.type) {
    case 'open':
      if (workstation) return;
      openWorkstation({
        dataDir: message.dataDir,
        secrets: secretStore(message.dataDir, message.sealSecrets),
        updates,
      }).then(
        (opened) => {
          workstation = opened;
          stops.push(
            watchProtocolMismatch(opened.backend, (reason) => {
              report({ type: 'protocol-too-old', reason });
            }),
          );
          for (const port of waiting.splice(0)) serve(port);
          report({ type: 'opened', deviceId: opened.deviceId });
        },
        (error: unknown) => {
          const appError = isAppError(error) ? error : new AppError(ErrorCode.Internal, String(error));
          report({ type: 'failed', error: appError.toWire() });
        },
      );
      return;
    case 'connect': {
      const port = event.ports[0];
      if (port) serve(port);
      return;
    }
    case 'stop':
      void stop();
      return;
    case 'secret-result':
      cipher.settle(message);
      return;
    case 'update-state':
      updates.set(message.state);
      return;
  }
});
