/**
 * `npm run bench:central`: the central database's write figures, on real PostgreSQL and on
 * embedded PGlite, each ratio measured against a baseline in the same run.
 *
 * - Bill numbering: 32 concurrent writers inserting bills (one bill per transaction, every
 *   10th rolled back) against one writer doing the same; bills per second, duplicates, gaps.
 * - Audit cost: rows per second inserted into `patients` with the audit trigger, against the
 *   same inserts with the trigger disabled.
 *
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server; the bench
 * creates and drops its own database there.
 */
import { parseArgs } from 'node:util';
import { createDatabase, dropDatabase } from '../db/central/admin.js';
import type { CentralDb } from '../db/central/connection.js';
import { loadMigrations } from '../db/central/migrations/files.js';
import { migrateUp } from '../db/central/migrations/runner.js';
import { openPostgres } from '../db/central/pg-database.js';
import { openPglite } from '../db/central/pglite-database.js';
import { billNumberIntegrity } from '../db/central/queries/bill-number-integrity.js';

const { values: args } = parseArgs({
  options: {
    writers: { type: 'string', default: '32' },
    'bills-per-writer': { type: 'string', default: '100' },
    patients: { type: 'string', default: '20000' },
    engine: { type: 'string', default: 'all' },
  },
});
const WRITERS = Number(args.writers);
const BILLS_PER_WRITER = Number(args['bills-per-writer']);
const PATIENT_ROWS = Number(args.patients);
const ROLLBACK_EVERY = 10;
const BATCH = 500;

class Rollback extends Error {}

interface BillFigures {
  writers: number;
  committed: number;
  rolledBack: number;
  seconds: number;
  billsPerSecond: number;
  duplicates: number;
  gaps: number;
}

async function billRun(db: CentralDb, writers: number, billsPerWriter: number): Promise<BillFigures> {
  const before = await billNumberIntegrity(db);
  let committed = 0;
  let rolledBack = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; i < billsPerWriter; i++) {
        try {
          await db.transaction(async (tx) => {
            // Inserted already issued: a number is taken only when a bill is issued.
            await tx.query(`insert into bills (notes, status, issued_at) values ($1, 'sent', now())`, [
              `bench ${writer}/${i}`,
            ]);
            if ((writer + i) % ROLLBACK_EVERY === 0) throw new Rollback();
          });
          committed++;
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
          rolledBack++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const after = await billNumberIntegrity(db);
  if (after.bills - before.bills !== committed) throw new Error('committed bills and stored bills differ');
  return {
    writers,
    committed,
    rolledBack,
    seconds,
    billsPerSecond: committed / seconds,
    duplicates: after.duplicates,
    gaps: after.gaps,
  };
}

const SPECIES = ['dog', 'cat', 'rabbit', 'bird', 'reptile'] as const;

async function insertPatients(db: CentralDb, rows: number, label: string): Promise<number> {
  const started = performance.now();
  for (let done = 0; done < rows; done += BATCH) {
    const count = Math.min(BATCH, rows - done);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = 0; i < count; i++) {
      params.push(`${label} ${done + i}`, SPECIES[(done + i) % SPECIES.length], ((done + i) % 40) + 1.5);
      tuples.push(`($${params.length - 2}, $${params.length - 1}::species, $${params.length})`);
    }
    await db.transaction((tx) =>
      tx.query(`insert into patients (name, species, weight_kg) values ${tuples.join(', ')}`, params),
    );
  }
  return rows / ((performance.now() - started) / 1000);
}

async function setAudit(db: CentralDb, enabled: boolean): Promise<void> {
  for (const action of ['insert', 'update', 'delete']) {
    await db.exec(`alter table patients ${enabled ? 'enable always' : 'disable'} trigger t90_audit_${action}`);
  }
}

/** Alternates with/without twice after a warm-up, so drift (caches, autovacuum) hits both. */
async function auditRun(db: CentralDb): Promise<{ withAudit: number; withoutAudit: number }> {
  await insertPatients(db, Math.min(2_000, PATIENT_ROWS), 'warm-up');
  const withAudit: number[] = [];
  const withoutAudit: number[] = [];
  for (let round = 0; round < 2; round++) {
    await setAudit(db, true);
    withAudit.push(await insertPatients(db, PATIENT_ROWS / 2, `audited ${round}`));
    await setAudit(db, false);
    withoutAudit.push(await insertPatients(db, PATIENT_ROWS / 2, `unaudited ${round}`));
  }
  await setAudit(db, true);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { withAudit: mean(withAudit), withoutAudit: mean(withoutAudit) };
}

const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });

async function benchEngine(name: string, db: CentralDb): Promise<void> {
  await migrateUp(db, await loadMigrations());
  await billRun(db, 4, 25); // warm-up: plans cached, buffers hot, before anything is timed
  const single = await billRun(db, 1, Math.max(50, Math.round((WRITERS * BILLS_PER_WRITER) / 8)));
  const concurrent = await billRun(db, WRITERS, BILLS_PER_WRITER);
  const audit = await auditRun(db);
  console.log(`\n== ${name}`);
  for (const run of [single, concurrent]) {
    console.log(
      `bills, ${String(run.writers).padStart(2)} writer(s): ${fmt(run.billsPerSecond)} bills/s ` +
        `(${run.committed} committed, ${run.rolledBack} rolled back, ${fmt(run.seconds, 2)} s) ` +
        `duplicates ${run.duplicates}, gaps ${run.gaps}`,
    );
  }
  console.log(`bills, ${WRITERS} writers vs 1 writer: ${fmt(concurrent.billsPerSecond / single.billsPerSecond, 2)}x`);
  console.log(
    `patients insert: ${fmt(audit.withAudit)} rows/s with audit trigger, ${fmt(audit.withoutAudit)} rows/s without ` +
      `(ratio ${fmt(audit.withAudit / audit.withoutAudit, 2)}; audit costs ${fmt((1 - audit.withAudit / audit.withoutAudit) * 100, 1)}% of throughput)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `bench:central — ${WRITERS} writers x ${BILLS_PER_WRITER} bills (every ${ROLLBACK_EVERY}th rolled back); ` +
      `${PATIENT_ROWS} patients per audit variant in batches of ${BATCH}; node ${process.version}`,
  );
  if (args.engine === 'all' || args.engine === 'postgres') {
    const serverUrl =
      process.env['BENCH_DATABASE_URL'] ??
      process.env['TEST_DATABASE_URL'] ??
      'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `vetdesk_bench_${process.pid}`;
    const db = openPostgres({
      kind: 'postgres',
      connectionString: await createDatabase(serverUrl, name),
      poolMax: WRITERS,
      poolIdleMs: 10_000,
      connectTimeoutMs: 10_000,
    });
    try {
      const { rows } = await db.query<{ server_version: string }>('show server_version');
      await benchEngine(`PostgreSQL ${rows[0]!.server_version} (pg pool of ${WRITERS})`, db);
    } finally {
      await db.close();
      await dropDatabase(serverUrl, name);
    }
  }
  if (args.engine === 'all' || args.engine === 'pglite') {
    const db = await openPglite({ kind: 'pglite' });
    try {
      await benchEngine('PGlite (in memory; one session, transactions serialised)', db);
    } finally {
      await db.close();
    }
  }
}

await main();
