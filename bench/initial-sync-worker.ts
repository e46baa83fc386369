/**
 * Child process of `npm run bench:sync`: a workstation backend that performs a first sync
 * against the server at argv[2] into a fresh folder argv[3], then measures local search, then
 * bulk-inserts the very rows it received into a second SQLite file with raw better-sqlite3 (the
 * baseline). Prints one JSON line. Runs in its own process so its peak memory is its own.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPLICATED_TABLE_NAMES, REPLICATED_TABLES } from '../core/sync/tables.js';
import { openLocalDatabase } from '../db/local/open.js';
import { LocalReplica } from '../db/local/replica.js';
import { openWorkstation } from '../electron/backend/workstation.js';

const [serverUrl, dataDir, staffId] = process.argv.slice(2);
if (!serverUrl || !dataDir || !staffId) throw new Error('usage: initial-sync-worker SERVER_URL DATA_DIR STAFF_ID');

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

const started = performance.now();
const workstation = await openWorkstation({ dataDir, serverUrl, development: { staffId } });
await workstation.sync.untilUpToDate();
const syncSeconds = (performance.now() - started) / 1000;
const status = workstation.sync.status();
await workstation.sync.stop();
const syncPeakRssMb = process.resourceUsage().maxRSS / 1024;

// Local search over what arrived: prefixes of real names, phone digits and microchips.
const replica = workstation.replica;
// The replica keeps its database to itself: sample queries read the file on a second connection.
const inspect = openLocalDatabase(path.join(dataDir, 'workstation.sqlite'));
const samples = inspect
  .prepare(
    `select last_name as q from owners where id in (select id from owners order by random() limit 150)
     union all select substr(replace(replace(phone, ' ', ''), '-', ''), 1, 6) from owners where phone is not null and id in (select id from owners order by random() limit 100)
     union all select name from patients where id in (select id from patients order by random() limit 150)
     union all select substr(microchip, 1, 8) from patients where microchip is not null and id in (select id from patients order by random() limit 100)`,
  )
  .all() as { q: string }[];
const searchable = (inspect.prepare(`select count(*) as n from search_docs`).get() as { n: number }).n;
const latencies: number[] = [];
let hits = 0;
for (const { q } of samples) {
  for (const typed of [q.slice(0, 3), q]) {
    const t0 = performance.now();
    hits += replica.searchOwnersAndPatients(typed, 20).length;
    latencies.push(performance.now() - t0);
  }
}
latencies.sort((a, b) => a - b);
// What staff type first: one and two letters, the slowest case for a prefix search.
const short: number[] = [];
for (const { q } of samples.filter((sample) => /^\p{L}/u.test(sample.q))) {
  for (const typed of [q.slice(0, 1), q.slice(0, 2)]) {
    const t0 = performance.now();
    hits += replica.searchOwnersAndPatients(typed, 20).length;
    short.push(performance.now() - t0);
  }
}
short.sort((a, b) => a - b);

// Baseline: the same rows, raw prepared inserts into the same tables, one transaction per table.
const rows: Record<string, Record<string, unknown>[]> = {};
let rowCount = 0;
for (const table of REPLICATED_TABLE_NAMES) {
  rows[table] = inspect.prepare(`select * from srv_${table}`).all() as Record<string, unknown>[];
  rowCount += rows[table].length;
}
inspect.close();
replica.close();
// A migrated replica file, then written on a raw connection: the baseline has no replica code.
const rawFile = path.join(await mkdtemp(path.join(os.tmpdir(), 'vetdesk-raw-')), 'raw.sqlite');
(await LocalReplica.open(rawFile)).close();
const raw = openLocalDatabase(rawFile);
const rawStarted = performance.now();
for (const table of REPLICATED_TABLE_NAMES) {
  const columns = Object.keys(REPLICATED_TABLES[table].columns);
  const insert = raw.prepare(
    `insert into srv_${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  raw.transaction(() => {
    for (const row of rows[table]!) insert.run(row);
  })();
}
const rawSeconds = (performance.now() - rawStarted) / 1000;
raw.close();

process.stdout.write(
  `${JSON.stringify({
    rows: rowCount,
    rowsReported: status.initialSync.rowsReceived,
    syncSeconds,
    syncPeakRssMb,
    rawSeconds,
    searchable,
    searchQueries: latencies.length,
    searchHits: hits,
    searchP50Ms: percentile(latencies, 0.5),
    searchP95Ms: percentile(latencies, 0.95),
    shortQueries: short.length,
    shortP50Ms: percentile(short, 0.5),
    shortP95Ms: percentile(short, 0.95),
  })}\n`,
);
process.exit(0);
