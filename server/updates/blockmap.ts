import { gunzipSync } from 'node:zlib';
import { z } from 'zod';

/**
 * electron-builder's blockmaps (docs/updates.md, "Differential downloads"): `<artifact>.blockmap`
 * beside an installer, gzip-compressed JSON listing the installer's content-defined blocks
 * (their checksums and sizes). electron-updater compares the blockmap of the version it runs
 * with the new one and downloads only the blocks that changed.
 */

/** The name of an artifact's blockmap is the artifact's name with this suffix. */
export const BLOCKMAP_SUFFIX = '.blockmap';

/** Far above any real blockmap (about 1 % of its installer, compressed), far below memory. */
export const MAX_BLOCKMAP_BYTES = 16 * 1024 * 1024;

/** The uncompressed JSON is bounded too, so a small gzip bomb cannot fill memory. */
const MAX_BLOCKMAP_JSON_BYTES = 8 * MAX_BLOCKMAP_BYTES;

/** The part of electron-builder's `BlockMap` that electron-updater reads (builder-util-runtime). */
const blockMapSchema = z.object({
  version: z.string().min(1),
  files: z
    .array(
      z.object({
        name: z.string(),
        offset: z.number().int().nonnegative(),
        checksums: z.array(z.string().min(1)),
        sizes: z.array(z.number().int().positive()),
      }),
    )
    .min(1),
});

/**
 * Why `bytes` cannot be the blockmap of an artifact of `artifactSize` bytes, or undefined when
 * it can: gzip JSON of electron-builder's shape whose first file (the one electron-updater
 * reads) has a size for each checksum, and whose blocks add up to the artifact exactly. It does
 * not prove the blocks' checksums: nothing can trust a blockmap, which is not signed (a wrong one
 * makes electron-updater's assembled file fail its signed sha512, and it downloads the whole
 * file instead); this only turns away a file that is not a blockmap of this artifact at all.
 */
export function blockmapProblem(bytes: Uint8Array, artifactSize: number): string | undefined {
  let document: unknown;
  try {
    document = JSON.parse(gunzipSync(bytes, { maxOutputLength: MAX_BLOCKMAP_JSON_BYTES }).toString('utf8'));
  } catch (error) {
    return `it is not gzip-compressed JSON (${(error as Error).message})`;
  }
  const parsed = blockMapSchema.safeParse(document);
  if (!parsed.success) return 'it is not an electron-builder blockmap';
  const first = parsed.data.files[0]!;
  if (first.checksums.length !== first.sizes.length) return 'its checksums and sizes do not pair up';
  const covered = first.offset + first.sizes.reduce((sum, size) => sum + size, 0);
  if (covered !== artifactSize) return `its blocks cover ${covered} bytes, the artifact has ${artifactSize}`;
  return undefined;
}
