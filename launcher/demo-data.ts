import type { CentralDb } from '../db/central/connection.js';
import { countOwners } from '../db/central/queries/practice.js';
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
      if (done === total) print(`  ${step === 'insert' ? table : `${table} (${step})`}: ${total}`);
    },
  });
  print(`  ${result.rows} rows in ${(result.elapsedMs / 1000).toFixed(1)} s`);
  return true;
}
