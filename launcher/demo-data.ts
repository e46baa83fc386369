import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { StaffRole } from '../core/domain/enums.js';
import { AppError, ErrorCode } from '../core/errors.js';
import type { CentralDb } from '../db/central/connection.js';
import { activeStaffMember, countOwners, firstStaffWithRole } from '../db/central/queries/practice.js';
import { generatePractice } from '../db/central/seed/generate.js';
import { clinicDay, formatDay } from '../db/central/seed/time.js';
import { writePractice } from '../db/central/seed/write.js';

/**
 * Seeds the demo practice when the central database has no owners yet (a first run), printing
 * one line per finished table. Returns whether it seeded. Deterministic: seed 42, anchored on
 * today in the clinic's time zone.
 */
export async function seedDemoIfEmpty(db: CentralDb, owners: number, print: (line: string) => void): Promise<boolean> {
  if ((await countOwners(db)) > 0) return false;
  const anchorDate = formatDay(clinicDay(Date.now()));
  print(`Seeding a demo practice (first run): ${owners} owners, anchor date ${anchorDate}`);
  const practice = generatePractice({ seed: 42, owners, anchorDate });
  const result = await writePractice(db, practice, {
    onProgress: ({ table, step, done, total }) => {
      if (done === total) print(`  ${step === 'insert' ? table : `bills (${step})`}: ${total}`);
    },
  });
  print(`  ${result.rows} rows in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  return true;
}

const sessionSchema = z.object({ staffId: z.uuid() });

/**
 * The staff member signed in on the demo workstation: the one stored in
 * `<workstationDir>/demo-session.json` by an earlier run, else the first member of the practice
 * with `role` (front desk unless `VETDESK_DEMO_ROLE` says otherwise; by creation, then user
 * name), stored for later runs so the demo does not change hands when staff are added.
 * @throws AppError NOT_FOUND when the practice has no staff member with that role.
 */
export async function demoStaff(
  db: CentralDb,
  workstationDir: string,
  role: StaffRole = 'front_desk',
): Promise<{ id: string; displayName: string; stored: boolean }> {
  const file = path.join(workstationDir, 'demo-session.json');
  const stored = await readFile(file, 'utf8').then(
    (text) => sessionSchema.safeParse(JSON.parse(text)).data,
    () => undefined,
  );
  const staff = stored ? await activeStaffMember(db, stored.staffId) : await firstStaffWithRole(db, role);
  if (!staff) {
    if (stored) {
      // The stored member was removed: choose again rather than refuse to start the demo.
      await writeFile(file, '{}');
      return demoStaff(db, workstationDir, role);
    }
    throw new AppError(ErrorCode.NotFound, `The practice has no ${role.replace('_', ' ')} staff member to sign in as`);
  }
  if (!stored) {
    await mkdir(workstationDir, { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify({ staffId: staff.id }));
    await rename(`${file}.tmp`, file);
  }
  return { id: staff.id, displayName: staff.name, stored: stored !== undefined };
}
