import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { runCollecting } from './run-collecting.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Where `vite build` puts the renderer and where the web bridge serves it from. */
export const RENDERER_DIR = fileURLToPath(new URL('../.build/renderer', import.meta.url));

/**
 * Builds the renderer with Vite unless `.build/renderer/index.html` exists (or `force`).
 * Builds into a private folder and renames it into place, so launchers started at the same time
 * (parallel tests) never serve a half-written build.
 * @throws Error with Vite's output when the build fails.
 */
export async function ensureRendererBuilt(force: boolean, print: (line: string) => void): Promise<void> {
  if (!force && existsSync(`${RENDERER_DIR}/index.html`)) return;
  const started = Date.now();
  print('Building the UI (vite build -c renderer/vite.config.ts)...');
  const outDir = `${RENDERER_DIR}.tmp-${process.pid}-${started}`;
  const vite = fileURLToPath(new URL('../node_modules/.bin/vite', import.meta.url));
  try {
    await runCollecting(
      vite,
      ['build', '-c', 'renderer/vite.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  if (force) await rm(RENDERER_DIR, { recursive: true, force: true });
  try {
    await rename(outDir, RENDERER_DIR);
  } catch {
    // Another launcher put its build there first: use that one.
    await rm(outDir, { recursive: true, force: true });
  }
  print(`  UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
