/**
 * `npx tsx bench/replica-apply.ts [--owners N]`: the replica's first-sync apply path alone,
 * without a server. Generates a practice, feeds its rows to `LocalReplica.applyServerChanges`
 * in 5,000-row batches (the server's chunk size), tables interleaved as concurrent shape streams
 * deliver them, and prints rows/s per slice of the run so a cost that grows with the replica
 * shows as a falling rate. Then search latency over what was applied: the global search, the
 * booking picker (which also walks the animals of every matching owner) and the duplicate check
 * of a new owner.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { uuidv7From } from '../core/ids.js';
import { isReplicatedTable, type ReplicatedTableName } from '../core/sync/tables.js';
import { generatePractice } from '../db/central/seed/generate.js';
import { PRACTICE_TABLES } from '../db/central/seed/rows.js';
import { LocalReplica } from '../db/local/replica.js';
import { openLocalDatabase } from '../db/local/open.js';
import type { ServerChange } from '../db/local/server-truth.js';

const { values: args } = parseArgs({
  options: {
    owners: { type: 'string', default: '6800' },
    batch: { type: 'string', default: '5000' },
    slices: { type: 'string', default: '5' },
    // Extra owners and patients like bench:sync's, so search runs over as many documents.
    extra: { type: 'string', default: '9000' },
    // Keep the replica file here instead of a temporary folder (to try queries on it after).
    keep: { type: 'string' },
  },
});
const BATCH = Number(args.batch);
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const practice = generatePractice({
  seed: 1,
  owners: Number(args.owners),
  anchorDate: new Date().toISOString().slice(0, 10),
});
const extraOwners = (practice.owners as unknown as Record<string, unknown>[]).slice(0, 0);
const extraPatients = (practice.patients as unknown as Record<string, unknown>[]).slice(0, 0);
for (let g = 1; g <= Number(args.extra) / 2; g++) {
  const ownerNames = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Omar', 'Ines', 'Hugo'];
  extraOwners.push({
    id: uuidv7From(1_700_000_000_000 + g, new Uint8Array(10).fill(g % 256)),
    first_name: ownerNames[g % 8]!,
    last_name: `Extra${g}`,
    email: `extra${g}@example.org`,
    phone: `07${String(g).padStart(8, '0')}`,
  });
  extraPatients.push({
    id: uuidv7From(1_700_000_000_000 + g, new Uint8Array(10).fill((g + 7) % 256)),
    name: `${['Rex', 'Milo', 'Luna', 'Kiwi', 'Nala', 'Otis'][g % 6]!}${g}`,
    species: 'cat',
    microchip: `9${String(g).padStart(14, '0')}`,
  });
}
const extra: Partial<Record<ReplicatedTableName, Record<string, unknown>[]>> = {
  owners: extraOwners,
  patients: extraPatients,
};
const queues: { table: ReplicatedTableName; rows: Record<string, unknown>[] }[] = [];
let total = 0;
for (const table of PRACTICE_TABLES) {
  if (!isReplicatedTable(table)) continue;
  const rows = [...(practice[table] as unknown as Record<string, unknown>[]), ...(extra[table] ?? [])].sort((a, b) =>
    String(a['id']) < String(b['id']) ? -1 : 1,
  );
  queues.push({ table, rows });
  total += rows.length;
}

const dir = args.keep ?? (await mkdtemp(path.join(os.tmpdir(), 'vetdesk-apply-')));
const replica = await LocalReplica.open(path.join(dir, 'replica.sqlite'));
const sliceSize = Math.ceil(total / Number(args.slices));
let applied = 0;
let sliceStarted = performance.now();
let nextSlice = sliceSize;
const started = performance.now();
const offsets = new Map<ReplicatedTableName, number>();
let remaining = queues.length;
while (remaining > 0) {
  remaining = 0;
  for (const { table, rows } of queues) {
    const from = offsets.get(table) ?? 0;
    if (from >= rows.length) continue;
    const batch = rows.slice(from, from + BATCH);
    offsets.set(table, from + batch.length);
    const changes: ServerChange[] = batch.map((row) => ({ operation: 'insert', row }));
    const done = from + batch.length >= rows.length;
    const t0 = performance.now();
    replica.applyServerChanges(table, changes, [], { handle: 'h', offset: `0_${from}`, upToDate: done });
    const took = performance.now() - t0;
    if (took > 250) console.log(`  ${table} batch at ${fmt(from)} took ${fmt(took)} ms${done ? ' (last)' : ''}`);
    applied += batch.length;
    if (!done) remaining++;
    if (applied >= nextSlice) {
      const now = performance.now();
      console.log(
        `rows ${fmt(applied - sliceSize)}..${fmt(applied)}: ${fmt(sliceSize / ((now - sliceStarted) / 1000))} rows/s`,
      );
      sliceStarted = now;
      nextSlice += sliceSize;
    }
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`applied ${fmt(total)} rows in ${fmt(seconds, 1)} s: ${fmt(total / seconds)} rows/s`);

const inspect = openLocalDatabase(path.join(dir, 'replica.sqlite'));
const samples = inspect
  .prepare(
    `select q from (select last_name as q from owners order by random() limit 100)
     union all select q from (select name as q from patients order by random() limit 100)`,
  )
  .all() as { q: string }[];
/** Times `search` over 1, 2, 3 letters and the whole of every sample, three rounds. */
function typingLatencies(label: string, search: (typed: string) => unknown): void {
  const latencies: number[] = [];
  const short: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const { q } of samples) {
      for (const typed of [q.slice(0, 1), q.slice(0, 2), q.slice(0, 3), q]) {
        const t0 = performance.now();
        search(typed);
        const took = performance.now() - t0;
        latencies.push(took);
        if (typed.length <= 2) short.push(took);
      }
    }
  }
  latencies.sort((a, b) => a - b);
  short.sort((a, b) => a - b);
  console.log(
    `${label} p50 ${fmt(percentile(latencies, 0.5), 2)} ms, p95 ${fmt(percentile(latencies, 0.95), 2)} ms; ` +
      `1-2 letters p50 ${fmt(percentile(short, 0.5), 2)} ms, p95 ${fmt(percentile(short, 0.95), 2)} ms`,
  );
}
typingLatencies('search', (typed) => replica.searchOwnersAndPatients(typed, 20));
typingLatencies('booking picker', (typed) => replica.read.bookablePatients(typed, 30));

const people = inspect
  .prepare('select first_name, last_name, phone, email from owners order by random() limit 200')
  .all() as { first_name: string; last_name: string; phone: string | null; email: string | null }[];
const checks: number[] = [];
for (const person of people) {
  const t0 = performance.now();
  replica.read.ownerDuplicates(person);
  checks.push(performance.now() - t0);
}
checks.sort((a, b) => a - b);
console.log(
  `owner duplicate check p50 ${fmt(percentile(checks, 0.5), 2)} ms, p95 ${fmt(percentile(checks, 0.95), 2)} ms`,
);
inspect.close();
replica.close();
if (!args.keep) await rm(dir, { recursive: true, force: true });
