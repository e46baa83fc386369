import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { validationError } from '../../core/errors.js';

const SHA512_HEX = /^[0-9a-f]{128}$/;

/** A file copied into the store's folder but not yet named: checked first, then kept or dropped. */
export interface StagedArtifact {
  /** sha512 of what was copied, hex and base64 (the manifest's form). */
  sha512Hex: string;
  sha512Base64: string;
  size: number;
  /** Names it under its digest (atomic rename); `false` when the store already had it. */
  keep(): Promise<boolean>;
  /** Deletes the copy. */
  drop(): Promise<void>;
}

/**
 * Release artifacts by content (docs/updates.md, "Storage"): each file is
 * `<dir>/<sha512 hex>`, written to a temporary name in the same folder and renamed into place,
 * so a reader never sees half a file and a crash leaves only a `.tmp-*` file behind. Files
 * never change once named. With several server instances the folder is shared storage (or
 * each instance publishes the same release).
 */
export class ArtifactStore {
  constructor(readonly dir: string) {}

  /**
   * The path of the artifact with `sha512Hex`.
   * @throws AppError VALIDATION_FAILED for anything but 128 lowercase hex digits.
   */
  pathOf(sha512Hex: string): string {
    if (!SHA512_HEX.test(sha512Hex)) throw validationError('Not a sha512 digest');
    return path.join(this.dir, sha512Hex);
  }

  /**
   * Copies `source` into the folder under a temporary name, hashing it on the way, so what is
   * checked is exactly what will be served (no change between check and copy).
   */
  async stage(source: string): Promise<StagedArtifact> {
    await mkdir(this.dir, { recursive: true, mode: 0o755 });
    const temporary = path.join(this.dir, `.tmp-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha512');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      // flush: the bytes are on disk before the file is named.
      await pipeline(createReadStream(source), tap, createWriteStream(temporary, { flags: 'wx', flush: true }));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const digest = hash.digest();
    const sha512Hex = digest.toString('hex');
    const final = this.pathOf(sha512Hex);
    return {
      sha512Hex,
      sha512Base64: digest.toString('base64'),
      size,
      keep: async () => {
        const existed = await this.has(sha512Hex);
        if (existed) await rm(temporary, { force: true });
        else await rename(temporary, final);
        return !existed;
      },
      drop: () => rm(temporary, { force: true }),
    };
  }

  /** Whether the store holds the artifact with `sha512Hex`. */
  async has(sha512Hex: string): Promise<boolean> {
    return stat(this.pathOf(sha512Hex)).then(
      (info) => info.isFile(),
      () => false,
    );
  }

  /** Deletes an artifact (a publish that failed after naming it). */
  async remove(sha512Hex: string): Promise<void> {
    await rm(this.pathOf(sha512Hex), { force: true });
  }

  /**
   * A stream of bytes `start` to `end` (inclusive) of the artifact.
   * @throws the file system's error when the file is missing.
   */
  async read(sha512Hex: string, start: number, end: number): Promise<ReadStream> {
    const file = this.pathOf(sha512Hex);
    await stat(file);
    return createReadStream(file, { start, end });
  }
}
