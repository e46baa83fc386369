import type { SafeStorage } from 'electron';
import type { ControlFromBackend, ControlToBackend } from '../backend-process/control.js';

type SecretRequest = Extract<ControlFromBackend, { type: 'secret' }>;

/**
 * Main's side of the secret relay: seals or opens one secret with safeStorage (the operating
 * system's keychain) for the backend, which keeps the result in its 0600 file. Nothing else:
 * main never sees the database and never stores anything.
 */
export function answerSecretRequest(
  safeStorage: Pick<SafeStorage, 'encryptString' | 'decryptString'>,
  request: SecretRequest,
): Extract<ControlToBackend, { type: 'secret-result' }> {
  try {
    const value =
      request.op === 'encrypt'
        ? safeStorage.encryptString(request.value).toString('base64')
        : safeStorage.decryptString(Buffer.from(request.value, 'base64'));
    return { type: 'secret-result', id: request.id, value, error: null };
  } catch (error) {
    return { type: 'secret-result', id: request.id, value: null, error: `${request.op}: ${String(error)}` };
  }
}
