import { load, JSON_SCHEMA } from 'js-yaml';
import { z } from 'zod';
import { validationError } from '../errors.js';

/** A sha512 digest as electron-builder writes it: base64 of the 64 raw bytes. */
const sha512Schema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'is not a base64 sha512 digest');

/** One artifact of a release as its `latest*.yml` lists it. */
export const releaseFileSchema = z.object({
  url: z.string().min(1),
  sha512: sha512Schema,
  size: z.number().int().nonnegative(),
});
export type ReleaseFile = z.infer<typeof releaseFileSchema>;

/**
 * electron-builder's channel file (`latest.yml`, `latest-linux.yml`, `latest-mac.yml`): the
 * version, its artifacts with their sha512, the main artifact's `path`/`sha512` (kept for old
 * updaters) and optional release notes. Unknown keys (blockMapSize, ...) are allowed.
 */
export const releaseManifestSchema = z.object({
  version: z.string().min(1).max(100),
  files: z.array(releaseFileSchema).min(1),
  path: z.string().min(1),
  sha512: sha512Schema,
  releaseDate: z.string().min(1),
  releaseNotes: z.string().max(100_000).nullish(),
});
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;

/**
 * Parses the text of a `latest*.yml`. The JSON schema of YAML keeps every value a plain JSON
 * value (no dates or custom tags), which is all electron-builder writes.
 * @throws AppError VALIDATION_FAILED when the text is not YAML or not a channel file.
 */
export function parseReleaseManifest(text: string): ReleaseManifest {
  let value: unknown;
  try {
    value = load(text, { schema: JSON_SCHEMA });
  } catch (error) {
    throw validationError(
      `The release file is not valid YAML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = releaseManifestSchema.safeParse(value);
  if (!parsed.success) {
    throw validationError(parsed.error, 'The release file is not an electron-builder channel file');
  }
  return parsed.data;
}
