import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { runCollecting } from './run-collecting.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * The desktop shell's bundled entry point, as `npm run build:electron` writes it (Electron
 * cannot load the TypeScript sources in electron/main directly).
 */
export const ELECTRON_MAIN = fileURLToPath(new URL('../.build/app/main.mjs', import.meta.url));

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
 * Runs `npm run build:electron` unless `.build/app/main.mjs` exists (or `force`).
 * @throws Error with the build's output when it fails.
 */
export async function ensureElectronBuilt(force: boolean, print: (line: string) => void): Promise<void> {
  if (!force && existsSync(ELECTRON_MAIN)) return;
  print('Building the desktop shell (npm run build:electron)...');
  await runCollecting('npm', ['run', '--silent', 'build:electron'], { cwd: ROOT });
}

/**
 * Starts the desktop window with `env` added (the central server's URL, the data folder and
 * the signed-in staff member). The window runs its own workstation backend over
 * `<VETDESK_DATA_DIR>/workstation`, so the launcher must not open that replica itself.
 */
export function launchElectron(binary: string, env: Record<string, string>): ChildProcess {
  return spawn(binary, [ELECTRON_MAIN], { env: { ...process.env, ...env }, stdio: 'inherit' });
}
