import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Names of scheduled backups: `vetdesk-<UTC time>.vdbackup`, the time written so that name
 * order is time order (`vetdesk-2026-12-02T14-30-00-123Z.vdbackup`). Only files named so are
 * ever deleted by retention; anything else an admin puts in the folder is left alone.
 */
const NAME_PATTERN = /^vetdesk-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.vdbackup$/;

/** The file name of a scheduled backup taken at `at`. */
export function scheduledBackupName(at: Date): string {
  return `vetdesk-${at.toISOString().replace(/[:.]/g, '-')}.vdbackup`;
}

/** When a scheduled backup named `name` was taken, or undefined for any other file. */
export function scheduledBackupTime(name: string): Date | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds, millis] = match;
  const at = new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/** The scheduled backups in `dir`, oldest first (none when the folder does not exist). */
export async function listScheduledBackups(dir: string): Promise<{ name: string; at: Date }[]> {
  const names = await readdir(dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  });
  return names
    .map((name) => ({ name, at: scheduledBackupTime(name) }))
    .filter((entry): entry is { name: string; at: Date } => entry.at !== undefined)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Deletes the oldest scheduled backups in `dir` beyond the newest `keep`.
 * @returns the names deleted, oldest first.
 */
export async function pruneScheduledBackups(dir: string, keep: number): Promise<string[]> {
  const backups = await listScheduledBackups(dir);
  const doomed = backups.slice(0, Math.max(0, backups.length - keep)).map((entry) => entry.name);
  for (const name of doomed) await rm(path.join(dir, name), { force: true });
  return doomed;
}
