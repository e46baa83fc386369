import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { AppError, ErrorCode } from '../../../core/errors.js';

/**
 * The VetDesk backup file: one file holding the database's parts and a manifest describing them.
 *
 *   "VDBACKUP" | u32 format version | part 1 | part 2 | ... | manifest JSON | trailer
 *   trailer = u32 manifest length | sha256 of the manifest (32 bytes) | "VDBKEND\n"
 *
 * The manifest comes last so that parts of any size (a pg_dump archive) stream straight into the
 * file; the trailer has a fixed size, so a reader finds the manifest from the end. A file cut
 * short (a full disk, a copy interrupted) has no end magic, or lengths that do not add up to its
 * size, and is refused as truncated. Checksums catch damage, not malice: anyone who can edit the
 * file can rewrite the manifest too (keep backups where only admins write).
 */

/** Version of the layout above; readers refuse any other. */
export const BACKUP_FORMAT_VERSION = 1;
const HEAD_MAGIC = Buffer.from('VDBACKUP', 'latin1');
const TAIL_MAGIC = Buffer.from('VDBKEND\n', 'latin1');
const HEADER_SIZE = HEAD_MAGIC.length + 4;
const TRAILER_SIZE = 4 + 32 + TAIL_MAGIC.length;
// A manifest lists a handful of parts; anything near this is not a manifest.
const MAX_MANIFEST_BYTES = 64 * 1024;

const partSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a part name is a short lowercase file name'),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lowercase hex digits'),
});

/** What a backup says about itself (zod-parsed on read). */
export const backupManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT_VERSION),
  engine: z.enum(['postgres', 'pglite']),
  /** The newest migration applied to the database when it was backed up. */
  schema: z.object({ version: z.number().int().nonnegative(), name: z.string() }),
  createdAt: z.iso.datetime({ offset: true }),
  /** The VetDesk version of the server that made it. */
  serverVersion: z.string().min(1),
  /** PostgreSQL: the role owning the database's objects, which must exist where it is restored. */
  databaseOwner: z.string().min(1).nullable(),
  parts: z.array(partSchema).min(1),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
export type BackupPart = z.infer<typeof partSchema>;

/** A part and where its bytes start in the file. */
export interface LocatedPart extends BackupPart {
  offset: number;
}

/** A backup file whose layout and manifest have been checked (not yet its parts' checksums). */
export interface BackupFileLayout {
  file: string;
  size: number;
  manifest: BackupManifest;
  parts: LocatedPart[];
}

/** One part to write: its name and its bytes, read once. */
export interface BackupPartSource {
  name: string;
  bytes: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

function invalid(
  reason: 'format' | 'truncated' | 'checksum',
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(ErrorCode.BackupInvalid, message, { reason, ...details });
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}

/**
 * Writes a backup file: each part streamed in and hashed, then the manifest and trailer. The
 * file appears under `file` only once complete and flushed (written as `<file>.partial`, then
 * renamed), so a crash never leaves something that looks like a backup. Refuses to overwrite.
 * @returns the manifest written and the file's size in bytes.
 * @throws AppError CONFIG_INVALID when `file` exists; the part source's error or the file
 *   system's otherwise (the partial file is removed).
 */
export async function writeBackupFile(
  file: string,
  about: Omit<BackupManifest, 'format' | 'parts'>,
  sources: readonly BackupPartSource[],
): Promise<{ manifest: BackupManifest; size: number }> {
  const partial = `${file}.partial`;
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (exists) throw new AppError(ErrorCode.ConfigInvalid, `${file} already exists: a backup is never overwritten`);
  // 'wx': a second writer of the same file fails here instead of interleaving with the first.
  const handle = await open(partial, 'wx', 0o600);
  try {
    const header = Buffer.alloc(HEADER_SIZE);
    HEAD_MAGIC.copy(header);
    header.writeUInt32BE(BACKUP_FORMAT_VERSION, HEAD_MAGIC.length);
    await writeAll(handle, header);
    let size = header.length;
    const parts: BackupPart[] = [];
    for (const source of sources) {
      const hash = createHash('sha256');
      let partSize = 0;
      for await (const chunk of source.bytes()) {
        hash.update(chunk);
        await writeAll(handle, chunk);
        partSize += chunk.length;
      }
      parts.push({ name: source.name, size: partSize, sha256: hash.digest('hex') });
      size += partSize;
    }
    const manifest = backupManifestSchema.parse({ format: BACKUP_FORMAT_VERSION, ...about, parts });
    const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
    const trailer = Buffer.alloc(TRAILER_SIZE);
    trailer.writeUInt32BE(manifestBytes.length, 0);
    createHash('sha256').update(manifestBytes).digest().copy(trailer, 4);
    TAIL_MAGIC.copy(trailer, 36);
    await writeAll(handle, manifestBytes);
    await writeAll(handle, trailer);
    await handle.sync();
    await handle.close();
    await rename(partial, file);
    return { manifest, size: size + manifestBytes.length + trailer.length };
  } catch (error) {
    // Closing twice (after a failed rename) only rejects, which is ignored.
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/**
 * Opens a backup file and checks its layout: magic, format version, trailer, the manifest's own
 * checksum and schema, and that the parts fill the file exactly. Reads only the ends of the file.
 * @throws AppError BACKUP_INVALID (reason `format` or `truncated`); the file system's error when
 *   the file cannot be read.
 */
export async function readBackupLayout(file: string): Promise<BackupFileLayout> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = await readAt(handle, 0, HEADER_SIZE);
    if (header.length < HEAD_MAGIC.length || !header.subarray(0, HEAD_MAGIC.length).equals(HEAD_MAGIC)) {
      throw invalid('format', `${file} is not a VetDesk backup`);
    }
    if (size < HEADER_SIZE + TRAILER_SIZE) throw invalid('truncated', `${file} is cut short`);
    const version = header.readUInt32BE(HEAD_MAGIC.length);
    if (version !== BACKUP_FORMAT_VERSION) {
      throw invalid('format', `${file} is in backup format ${version}; this version reads ${BACKUP_FORMAT_VERSION}`, {
        version,
      });
    }
    const trailer = await readAt(handle, size - TRAILER_SIZE, TRAILER_SIZE);
    if (!trailer.subarray(36).equals(TAIL_MAGIC)) {
      throw invalid('truncated', `${file} has no end marker: it is cut short or was never finished`);
    }
    const manifestLength = trailer.readUInt32BE(0);
    const manifestStart = size - TRAILER_SIZE - manifestLength;
    if (manifestLength > MAX_MANIFEST_BYTES || manifestStart < HEADER_SIZE) {
      throw invalid('truncated', `${file} has a manifest length that does not fit the file`);
    }
    const manifestBytes = await readAt(handle, manifestStart, manifestLength);
    if (!createHash('sha256').update(manifestBytes).digest().equals(trailer.subarray(4, 36))) {
      throw invalid('checksum', `${file}: the manifest does not match its checksum`, { part: 'manifest' });
    }
    let json: unknown;
    try {
      json = JSON.parse(manifestBytes.toString('utf8'));
    } catch {
      throw invalid('format', `${file}: the manifest is not JSON`);
    }
    const parsed = backupManifestSchema.safeParse(json);
    if (!parsed.success) {
      throw invalid('format', `${file}: the manifest is not valid: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    const parts: LocatedPart[] = [];
    let offset = HEADER_SIZE;
    for (const part of parsed.data.parts) {
      parts.push({ ...part, offset });
      offset += part.size;
    }
    if (offset !== manifestStart) {
      throw invalid('truncated', `${file}: the parts the manifest lists do not fill the file`, {
        expected: manifestStart - HEADER_SIZE,
        listed: offset - HEADER_SIZE,
      });
    }
    return { file, size, manifest: parsed.data, parts };
  } finally {
    await handle.close();
  }
}

/**
 * Streams one part's bytes to `sink` while hashing them, then compares with the manifest. The
 * sink sees every byte before the verdict: callers write to scratch space, never to the target.
 * @throws AppError BACKUP_INVALID (reason `checksum`) when the bytes differ from the manifest.
 */
export async function streamVerifiedPart(
  layout: BackupFileLayout,
  part: LocatedPart,
  sink: (chunk: Buffer) => Promise<void> | void,
): Promise<void> {
  const hash = createHash('sha256');
  if (part.size > 0) {
    const stream = createReadStream(layout.file, { start: part.offset, end: part.offset + part.size - 1 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      await sink(chunk);
    }
  }
  if (hash.digest('hex') !== part.sha256) {
    throw invalid('checksum', `${layout.file}: part ${part.name} does not match its checksum: the file is damaged`, {
      part: part.name,
    });
  }
}

/** One part's bytes in memory, verified (see `streamVerifiedPart`). */
export async function readVerifiedPart(layout: BackupFileLayout, part: LocatedPart): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await streamVerifiedPart(layout, part, (chunk) => {
    chunks.push(chunk);
  });
  return Buffer.concat(chunks);
}

/** The part called `name`. @throws AppError BACKUP_INVALID (reason `format`) when there is none. */
export function partNamed(layout: BackupFileLayout, name: string): LocatedPart {
  const part = layout.parts.find((candidate) => candidate.name === name);
  if (!part) throw invalid('format', `${layout.file} has no part ${name}`, { part: name });
  return part;
}
