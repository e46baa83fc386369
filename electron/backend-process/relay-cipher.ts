import type { SecretCipher } from '../backend/secret-store.js';
import type { ControlFromBackend, ControlToBackend } from './control.js';

type SecretResult = Extract<ControlToBackend, { type: 'secret-result' }>;

/**
 * The backend's side of the secret relay: safeStorage lives in Electron's main process only, so
 * the backend asks main to seal and open secrets over the process's parent port and waits for
 * the answer with the same id. Main does nothing but call safeStorage (main/secret-relay.ts).
 */
export class RelayCipher implements SecretCipher {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: string) => void; reject: (error: Error) => void }>();

  constructor(private readonly send: (message: ControlFromBackend) => void) {}

  encrypt(plain: string): Promise<string> {
    return this.ask('encrypt', plain);
  }

  decrypt(sealed: string): Promise<string> {
    return this.ask('decrypt', sealed);
  }

  /** Delivers main's answer to the request waiting for it. */
  settle(result: SecretResult): void {
    const waiter = this.waiting.get(result.id);
    if (!waiter) return;
    this.waiting.delete(result.id);
    if (result.value !== null) waiter.resolve(result.value);
    else waiter.reject(new Error(`The system keychain could not ${result.error ?? 'handle the secret'}`));
  }

  private ask(op: 'encrypt' | 'decrypt', value: string): Promise<string> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.send({ type: 'secret', id, op, value });
    });
  }
}
