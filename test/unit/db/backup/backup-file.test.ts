import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../core/errors.js';
import {
  readBackupLayout,
  readVerifiedPart,
  writeBackupFile,
  type BackupManifest,
} from '../../../../db/central/backup/backup-file.js';

const ABOUT: Omit<BackupManifest, 'format' | 'parts'> = {
  engine: 'postgres',
  schema: { version: 21, name: 'deceased_reschedule' },
  createdAt: '2026-12-02T14:30:00.000Z',
  serverVersion: '0.1.0',
  databaseOwner: 'vetdesk_owner',
};

function source(name: string, ...chunks: string[]) {
  return {
    name,
    bytes: function* () {
      for (const chunk of chunks) yield Buffer.from(chunk);
    },
  };
}

async function refusal(action: Promise<unknown>): Promise<AppError> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('the backup file', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-backup-file-'));
    file = path.join(dir, 'b.vdbackup');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads back the manifest and every part, verified, as written', async () => {
    const written = await writeBackupFile(file, ABOUT, [source('one.bin', 'hello ', 'world'), source('empty')]);
    expect(written.size).toBe((await stat(file)).size);
    const layout = await readBackupLayout(file);
    expect(layout.manifest).toEqual(written.manifest);
    expect(layout.manifest).toMatchObject({ format: 1, ...ABOUT });
    expect(layout.parts.map((part) => [part.name, part.size])).toEqual([
      ['one.bin', 11],
      ['empty', 0],
    ]);
    expect((await readVerifiedPart(layout, layout.parts[0]!)).toString()).toBe('hello world');
    expect((await readVerifiedPart(layout, layout.parts[1]!)).length).toBe(0);
  });

  it('never overwrites a file and leaves nothing behind when a part fails', async () => {
    await writeFile(file, 'keep me');
    expect((await refusal(writeBackupFile(file, ABOUT, [source('a', 'x')]))).code).toBe('CONFIG_INVALID');
    expect(await readFile(file, 'utf8')).toBe('keep me');

    const other = path.join(dir, 'c.vdbackup');
    const failing = {
      name: 'a',
      bytes: function* () {
        yield Buffer.from('x');
        throw new Error('pg_dump died');
      },
    };
    await expect(writeBackupFile(other, ABOUT, [failing])).rejects.toThrow('pg_dump died');
    await expect(stat(other)).rejects.toThrow();
    await expect(stat(`${other}.partial`)).rejects.toThrow();
  });

  it('refuses a file that is not a backup, one cut short, and one whose part or manifest changed', async () => {
    await writeFile(file, 'PGDMP not ours');
    expect((await refusal(readBackupLayout(file))).details).toMatchObject({ reason: 'format' });

    await rm(file);
    await writeBackupFile(file, ABOUT, [source('one.bin', 'hello world')]);
    const bytes = await readFile(file);

    await truncate(file, bytes.length - 1);
    expect((await refusal(readBackupLayout(file))).details).toMatchObject({ reason: 'truncated' });

    const flippedPart = Buffer.from(bytes);
    flippedPart[12] = flippedPart[12]! ^ 0xff;
    await writeFile(file, flippedPart);
    const layout = await readBackupLayout(file);
    expect((await refusal(readVerifiedPart(layout, layout.parts[0]!))).details).toMatchObject({
      reason: 'checksum',
      part: 'one.bin',
    });

    const text = bytes.toString('latin1').replace('"version":21', '"version":99');
    await writeFile(file, Buffer.from(text, 'latin1'));
    expect((await refusal(readBackupLayout(file))).details).toMatchObject({ reason: 'checksum', part: 'manifest' });
  });
});
