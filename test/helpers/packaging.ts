import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository's root folder, where electron-builder runs. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const packageJsonSchema = z.object({
  main: z.string(),
  scripts: z.record(z.string(), z.string()),
});

/**
 * The parts of the root package.json the packaging tests read: the app's entry point (which
 * electron-builder must pack) and the npm scripts.
 * @throws ZodError when package.json lacks them.
 */
export function readPackageJson(): z.infer<typeof packageJsonSchema> {
  return packageJsonSchema.parse(JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')));
}
