import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The desktop shell's entry point (written with the Electron main process). */
export const ELECTRON_MAIN = fileURLToPath(new URL('../electron/main/main.ts', import.meta.url));

/**
 * The Electron binary, when one is installed: the `electron` package exports its path, and
 * throws or names a missing file when its download was skipped (as on CI and on this kind of
 * headless machine).
 */
export function electronBinary(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts the desktop window with `env` added (the central server's URL, the data folder and
 * the signed-in staff member, so that the shell opens the same workstation).
 */
export function launchElectron(binary: string, env: Record<string, string>): ChildProcess {
  return spawn(binary, [ELECTRON_MAIN], { env: { ...process.env, ...env }, stdio: 'inherit' });
}
