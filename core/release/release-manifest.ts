import { load } from 'js-yaml';
import { z } from 'zod';
import { AppError, ErrorCode, validationError } from '../errors.js';

/**
 * The update manifests electron-builder writes beside its installers (`latest.yml`,
 * `latest-linux.yml`, `latest-mac.yml`, ...) and electron-updater reads from the feed. Parsed
 * with js-yaml, the parser electron-updater uses, so what the server checks is what the
 * workstation reads.
 */

/** The platform's TextDecoder (present in Node, Electron and browsers); `core` has no DOM or Node types. */
const { TextDecoder: Utf8Decoder } = globalThis as unknown as {
  TextDecoder: new (label: 'utf-8', options: { fatal: true }) => { decode(bytes: Uint8Array): string };
};

/** A manifest's file name: `latest.yml` or `latest-<platform or arch>.yml`. */
export const MANIFEST_NAME_PATTERN = /^latest(?:-[a-z0-9]+)*\.yml$/;

/** The detached signature of a manifest sits beside it as `<manifest name>.sig`. */
export const SIGNATURE_SUFFIX = '.sig';

/**
 * A file name the feed serves: one path segment of letters, digits, `.`, `_`, `+`, `-` and
 * spaces, not starting with a dot (so never `.`, `..` or a hidden file), at most 200 characters.
 * Nothing that could name a folder: no `/`, `\` or NUL.
 */
export const releaseFileNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_+-][A-Za-z0-9._+ -]{0,199}$/, 'must be a plain file name (letters, digits, . _ + - and spaces)')
  .refine((name) => !name.includes('..'), 'must not contain ..');

/** A sha512 digest as electron-builder writes it: base64 of the 64 bytes. */
export const sha512Base64Schema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 sha512 digest');

/** A semantic version as electron-builder writes it (`1.4.0`, `2.0.0-beta.3`). */
export const releaseVersionSchema = z
  .string()
  .max(64)
  .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/, 'must be a version like 1.4.0 or 2.0.0-beta.1');

/** One installer or archive a manifest lists. */
export const releaseFileSchema = z.object({
  url: releaseFileNameSchema,
  sha512: sha512Base64Schema,
  size: z.number().int().nonnegative(),
});

/** electron-builder's manifest (`UpdateInfo`); keys VetDesk does not read are kept but not checked. */
export const releaseManifestSchema = z.looseObject({
  version: releaseVersionSchema,
  files: z.array(releaseFileSchema).min(1),
  path: releaseFileNameSchema,
  sha512: sha512Base64Schema,
  releaseDate: z.string().min(1),
  releaseNotes: z.string().nullish(),
});
export type ReleaseManifest = z.infer<typeof releaseManifestSchema>;
export type ReleaseFile = z.infer<typeof releaseFileSchema>;

/**
 * Parses the exact bytes of a manifest (UTF-8 YAML).
 * @throws AppError VALIDATION_FAILED when the YAML is malformed (`details.reason: 'yaml'`) or
 *   does not have electron-builder's shape (`details.issues`).
 */
export function parseReleaseManifest(bytes: Uint8Array, name = 'latest.yml'): ReleaseManifest {
  let document: unknown;
  try {
    document = load(new Utf8Decoder('utf-8', { fatal: true }).decode(bytes), { filename: name });
  } catch (error) {
    throw new AppError(ErrorCode.ValidationFailed, `${name} is not valid YAML: ${(error as Error).message}`, {
      reason: 'yaml',
      file: name,
      issues: [{ path: [], message: 'is not valid YAML' }],
    });
  }
  const parsed = releaseManifestSchema.safeParse(document);
  if (!parsed.success)
    throw validationError(parsed.error, `${name} is not an electron-builder update manifest`, { file: name });
  return parsed.data;
}
