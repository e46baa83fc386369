import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Where a workstation keeps its secrets (the device token): small named strings that must not
 * sit in the replica, where a copied database file would carry them. Implementations never log
 * a value.
 */
export interface SecretStore {
  /** The value stored under `name`, or undefined when there is none. */
  read(name: string): Promise<string | undefined>;
  /** Stores `value` under `name`, replacing any earlier one; atomic (old or new, never half). */
  write(name: string, value: string): Promise<void>;
  /** Forgets `name`; no error when it was not there. */
  remove(name: string): Promise<void>;
}

/** Secret names are fixed identifiers chosen by code, never input: keep them file-name safe. */
const SECRET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function checkName(name: string): void {
  if (!SECRET_NAME.test(name)) throw new Error(`Invalid secret name ${JSON.stringify(name)}`);
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/**
 * Secrets as files `<folder>/<name>`, mode 0600 in a folder of mode 0700: only the user the
 * workstation runs as can read them. The plain-Node store (`npm run workstation`, the web
 * bridge, tests); the desktop app wraps it with Electron's safeStorage (`EncryptedSecretStore`)
 * so the files hold ciphertext the operating system's keychain protects. Writes go to a
 * temporary file then `rename`, so a crash leaves the old value or the new one.
 */
export class FileSecretStore implements SecretStore {
  constructor(readonly folder: string) {}

  async read(name: string): Promise<string | undefined> {
    checkName(name);
    try {
      return await readFile(path.join(this.folder, name), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  async write(name: string, value: string): Promise<void> {
    checkName(name);
    await mkdir(this.folder, { recursive: true, mode: 0o700 });
    // mkdir's mode applies only to folders it creates (and is masked by umask): set it outright.
    await chmod(this.folder, 0o700);
    const target = path.join(this.folder, name);
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, value, { encoding: 'utf8', mode: 0o600, flush: true });
      await chmod(temporary, 0o600);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    checkName(name);
    await rm(path.join(this.folder, name), { force: true });
  }
}

/** Turns a secret into bytes only this machine's user can turn back (Electron's safeStorage). */
export interface SecretCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(sealed: string): Promise<string>;
}

/**
 * A SecretStore whose values are sealed by `cipher` before they reach `inner`. In the desktop
 * app the cipher asks Electron's main process, which owns safeStorage (secret-relay.ts); the
 * files then hold only what the operating system's keychain can open.
 */
export class EncryptedSecretStore implements SecretStore {
  constructor(
    private readonly inner: SecretStore,
    private readonly cipher: SecretCipher,
  ) {}

  async read(name: string): Promise<string | undefined> {
    const sealed = await this.inner.read(name);
    return sealed === undefined ? undefined : this.cipher.decrypt(sealed);
  }

  async write(name: string, value: string): Promise<void> {
    await this.inner.write(name, await this.cipher.encrypt(value));
  }

  remove(name: string): Promise<void> {
    return this.inner.remove(name);
  }
}
