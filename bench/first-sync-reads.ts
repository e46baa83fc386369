/**
 * `npx tsx bench/first-sync-reads.ts FILE`: what staff reads cost while a first sync defers the
 * srv_ secondary indexes, against the same reads indexed, and what building the deferred
 * indexes then takes. FILE is a replica kept by `bench/replica-apply.ts --keep DIR`
 * (DIR/replica.sqlite); it ends with every index in place.
 */
import { parseArgs } from 'node:util';
import { REPLICATED_TABLE_NAMES } from '../core/sync/tables.js';
import { deferIndexes, ensureDeferredIndexes } from '../db/local/deferred-indexes.js';
import { openLocalDatabase } from '../db/local/open.js';
import { LocalReadModels } from '../db/local/queries/read-models.js';

const { positionals } = parseArgs({ allowPositionals: true });
const file = positionals[0];
if (!file) throw new Error('usage: bench/first-sync-reads.ts REPLICA_FILE');
const fmt = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const db = openLocalDatabase(file);
const sample = (sql: string) => db.prepare(sql).all() as { id: string; day: string }[];
const owners = sample('select id, null as day from srv_owners order by random() limit 30');
const patients = sample('select id, null as day from srv_patients order by random() limit 30');
const bills = sample('select id, null as day from srv_bills order by random() limit 30');
const days = sample('select id, substr(scheduled_at, 1, 10) as day from srv_appointments order by random() limit 30');
const read = new LocalReadModels(db, () => null);
const reads: [string, (i: number) => unknown][] = [
  ['owner page', (i) => read.ownerDetail(owners[i]!.id)],
  ['patient chart', (i) => read.patientChart(patients[i]!.id)],
  ['bill', (i) => read.billDetail(bills[i]!.id)],
  ['day calendar', (i) => read.dayAppointments(days[i]!.day, 'UTC')],
];

function timeReads(label: string): void {
  const parts: string[] = [];
  for (const [name, run] of reads) {
    const took: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      run(i);
      took.push(performance.now() - t0);
    }
    took.sort((a, b) => a - b);
    parts.push(`${name} p50 ${fmt(percentile(took, 0.5))} p95 ${fmt(percentile(took, 0.95))} ms`);
  }
  console.log(`${label}: ${parts.join('; ')}`);
}

timeReads('indexed');
db.transaction(() => {
  for (const table of REPLICATED_TABLE_NAMES) deferIndexes(db, table);
})();
timeReads('deferred');
const t0 = performance.now();
const built = ensureDeferredIndexes(db);
console.log(`building the ${built} deferred indexes took ${fmt(performance.now() - t0)} ms`);
timeReads('indexed again');
db.close();
