/**
 * `npm run bench:sync`: the sync engine's figures on real PostgreSQL, each beside a baseline
 * measured in the same run.
 *
 * 1. Initial sync of a generated practice at two sizes (about 100k and 1M rows with the default
 *    --owners), so a cost that grows with the replica shows, by a workstation backend in its own
 *    process, in rows/s, beside a raw better-sqlite3 bulk insert of the same rows; the
 *    workstation's peak memory.
 * 2. Local search latency (p50, p95) over the synced owners and patients (about 25k and 250k),
 *    and separately for one- and two-letter prefixes.
 * 3. Central apply rate of pushed mutations, beside plain inserts through the same triggers.
 * 4. Workstation-to-workstation propagation latency while online (p50, p95).
 *
 * Flags: --owners 6800,68000 --extra-searchable 9000,90000 (paired sizes), --initial-only (skip 3
 * and 4), --mutations, --propagations, --cpu-prof-dir DIR (V8 profile of each first-sync worker).
 *
 * PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newId } from '../core/ids.js';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../core/sync/protocol.js';
import { createDatabase, dropDatabase } from '../db/central/admin.js';
import type { CentralDb } from '../db/central/connection.js';
import { loadMigrations } from '../db/central/migrations/files.js';
import { migrateUp } from '../db/central/migrations/runner.js';
import { openPostgres } from '../db/central/pg-database.js';
import { generatePractice } from '../db/central/seed/generate.js';
import { writePractice } from '../db/central/seed/write.js';
import { openWorkstation } from '../electron/backend/workstation.js';
import { buildApp } from '../server/http/app.js';

const { values: args } = parseArgs({
  options: {
    // Comma-separated sizes, paired: the first sync runs once per size (about 100k and 1M rows).
    owners: { type: 'string', default: '6800,68000' },
    'extra-searchable': { type: 'string', default: '9000,90000' },
    'initial-only': { type: 'boolean', default: false },
    // Writes a V8 CPU profile of each first-sync worker into this folder.
    'cpu-prof-dir': { type: 'string' },
    mutations: { type: 'string', default: '2000' },
    propagations: { type: 'string', default: '60' },
  },
});
const OWNERS = args.owners.split(',').map(Number);
const EXTRA = args['extra-searchable'].split(',').map(Number);
if (OWNERS.length !== EXTRA.length || [...OWNERS, ...EXTRA].some((n) => !Number.isInteger(n) || n < 0)) {
  throw new Error('--owners and --extra-searchable take the same number of comma-separated counts');
}
const MUTATIONS = Number(args.mutations);
const PROPAGATIONS = Number(args.propagations);
const ROOT = fileURLToPath(new URL('../', import.meta.url));
const fmt = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits });
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const serverUrl =
  process.env['BENCH_DATABASE_URL'] ??
  process.env['TEST_DATABASE_URL'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

async function withDatabase<T>(name: string, fn: (db: CentralDb) => Promise<T>): Promise<T> {
  const db = openPostgres({
    kind: 'postgres',
    connectionString: await createDatabase(serverUrl, name),
    poolMax: 16,
    poolIdleMs: 10_000,
    connectTimeoutMs: 10_000,
  });
  try {
    await migrateUp(db, await loadMigrations());
    return await fn(db);
  } finally {
    await db.close();
    await dropDatabase(serverUrl, name);
  }
}

async function serve(db: CentralDb): Promise<{ url: string; close: () => Promise<void> }> {
  // The benchmark's workstations speak the development scheme.
  const app = buildApp({ db, version: 'bench', logLevel: 'silent', developmentAuth: true });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** Extra owners and patients (plain SQL) so search runs over about 250k of them. */
async function addSearchable(db: CentralDb, count: number): Promise<void> {
  await db.exec(`
    insert into owners (first_name, last_name, email, phone)
    select (array['Ava','Noah','Mia','Liam','Zoe','Omar','Ines','Hugo'])[1 + g % 8], 'Extra' || g,
           'extra' || g || '@example.org', '07' || lpad(g::text, 8, '0')
      from generate_series(1, ${Math.floor(count / 2)}) g;
    insert into patients (name, species, microchip)
    select (array['Rex','Milo','Luna','Kiwi','Nala','Otis'])[1 + g % 6] || g, 'cat', '9' || lpad(g::text, 14, '0')
      from generate_series(1, ${Math.ceil(count / 2)}) g;`);
}

function runWorker(url: string, dataDir: string, staffId: string): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const profile = args['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof-dir']}`] : [];
    const child = spawn(
      process.execPath,
      [...profile, '--import', 'tsx', 'bench/initial-sync-worker.ts', url, dataDir, staffId],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      const line = output.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Record<string, number>);
      else reject(new Error(`worker exited with ${code}: ${output}`));
    });
  });
}

async function initialSyncAndSearch(owners: number, extra: number): Promise<void> {
  await withDatabase(`vetdesk_bench_sync_${process.pid}`, async (db) => {
    const practice = generatePractice({ seed: 1, owners, anchorDate: new Date().toISOString().slice(0, 10) });
    const seedStarted = performance.now();
    const written = await writePractice(db, practice);
    await addSearchable(db, extra);
    console.log(
      `\nseeded ${fmt(written.rows + extra)} rows (${fmt(owners)} owners + ${fmt(extra)} extra owners/patients) in ${fmt((performance.now() - seedStarted) / 1000, 1)} s`,
    );
    // A running server sequences changes as they commit; here the whole seed is still
    // unsequenced. Catch up (and vacuum the rows that rewrote) before the clock starts, so the
    // first sync measures what a workstation meets on a live server.
    const catchUpStarted = performance.now();
    await db.query('select sync.sequence_changes()');
    await db.exec('vacuum analyze');
    console.log(`server change log sequenced and vacuumed in ${fmt((performance.now() - catchUpStarted) / 1000, 1)} s`);
    const staffId = practice.staff[0]!.id;
    const server = await serve(db);
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-bench-ws-'));
    try {
      const r = await runWorker(server.url, dataDir, staffId);
      const syncRate = r['rows']! / r['syncSeconds']!;
      const rawRate = r['rows']! / r['rawSeconds']!;
      console.log(`\n== initial sync (PostgreSQL -> /v1/shape -> @electric-sql/client -> SQLite replica)`);
      console.log(`${fmt(r['rows']!)} rows in ${fmt(r['syncSeconds']!, 1)} s: ${fmt(syncRate)} rows/s`);
      console.log(
        `raw better-sqlite3 bulk insert of the same rows: ${fmt(rawRate)} rows/s (sync/raw ratio ${fmt(syncRate / rawRate, 3)})`,
      );
      console.log(`workstation backend peak RSS during initial sync: ${fmt(r['syncPeakRssMb']!)} MB`);
      console.log(
        `\n== local search over ${fmt(r['searchable']!)} owners and patients (${r['searchQueries']} queries, typed prefix and whole term)`,
      );
      console.log(`p50 ${fmt(r['searchP50Ms']!, 2)} ms, p95 ${fmt(r['searchP95Ms']!, 2)} ms`);
      console.log(
        `1-2 letter prefixes (${r['shortQueries']} queries): p50 ${fmt(r['shortP50Ms']!, 2)} ms, p95 ${fmt(r['shortP95Ms']!, 2)} ms`,
      );
    } finally {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
}

async function applyRate(): Promise<void> {
  await withDatabase(`vetdesk_bench_apply_${process.pid}`, async (db) => {
    const staffId = newId();
    await db.query(`insert into staff (id, role, display_name) values ($1, 'front_desk', 'Bench')`, [staffId]);
    const server = await serve(db);
    const owner = (i: number) => ({
      id: newId(),
      first_name: 'Bench',
      last_name: `Owner${i}`,
      email: `bench${i}@example.org`,
      phone: null,
      address: null,
      city: null,
      postcode: null,
      notes: null,
    });
    try {
      const device = `Bearer dev-device:${newId()}`;
      const started = performance.now();
      for (let i = 0; i < MUTATIONS; i += 100) {
        const mutations = Array.from({ length: Math.min(100, MUTATIONS - i) }, (_, k) => ({
          id: newId(),
          name: 'owner.create',
          args: owner(i + k),
          staffId,
          createdAt: new Date().toISOString(),
        }));
        const response = await fetch(new URL('/v1/mutations', server.url), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: device,
            [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          },
          body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
        });
        if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
      }
      const mutationRate = MUTATIONS / ((performance.now() - started) / 1000);
      const plainStarted = performance.now();
      for (let i = 0; i < MUTATIONS; i++) {
        const row = owner(MUTATIONS + i);
        await db.transaction((tx) =>
          tx.query(`insert into owners (id, first_name, last_name, email) values ($1, $2, $3, $4)`, [
            row.id,
            row.first_name,
            row.last_name,
            row.email,
          ]),
        );
      }
      const plainRate = MUTATIONS / ((performance.now() - plainStarted) / 1000);
      console.log(`\n== central apply (POST /v1/mutations, batches of 100, one transaction per mutation)`);
      console.log(
        `${fmt(mutationRate)} mutations/s; plain single-row inserts through the same triggers: ${fmt(plainRate)} rows/s (ratio ${fmt(mutationRate / plainRate, 2)})`,
      );
    } finally {
      await server.close();
    }
  });
}

async function propagation(): Promise<void> {
  await withDatabase(`vetdesk_bench_live_${process.pid}`, async (db) => {
    const practice = generatePractice({ seed: 2, owners: 200, anchorDate: new Date().toISOString().slice(0, 10) });
    await writePractice(db, practice);
    const server = await serve(db);
    const dirs = [
      await mkdtemp(path.join(os.tmpdir(), 'vetdesk-bench-a-')),
      await mkdtemp(path.join(os.tmpdir(), 'vetdesk-bench-b-')),
    ];
    const [a, b] = await Promise.all(
      dirs.map((dataDir) => openWorkstation({ dataDir, serverUrl: server.url, staffId: practice.staff[0]!.id })),
    );
    try {
      await Promise.all([a!.sync.untilUpToDate(), b!.sync.untilUpToDate()]);
      const ownerId = practice.owners[0]!.id;
      const latencies: number[] = [];
      for (let i = 0; i < PROPAGATIONS; i++) {
        const phone = `0600 ${String(i).padStart(6, '0')}`;
        const arrived = new Promise<void>((resolve) => {
          const off = b!.replica.onChange(() => {
            if (b!.replica.get('owners', ownerId)?.['phone'] === phone) {
              off();
              resolve();
            }
          });
        });
        const t0 = performance.now();
        await a!.backend.call('mutate', { name: 'owner.update', args: { id: ownerId, changes: { phone } } });
        await arrived;
        latencies.push(performance.now() - t0);
      }
      latencies.sort((x, y) => x - y);
      console.log(
        `\n== propagation: change on workstation A visible on workstation B (${PROPAGATIONS} changes, both online)`,
      );
      console.log(`p50 ${fmt(percentile(latencies, 0.5))} ms, p95 ${fmt(percentile(latencies, 0.95))} ms`);
    } finally {
      await a!.stop();
      await b!.stop();
      await server.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });
}

console.log(
  `bench:sync — node ${process.version}, ${os.cpus().length} cores; PostgreSQL at ${serverUrl.replace(/:[^:@/]*@/, ':***@')}`,
);
if (!args['initial-only']) {
  await propagation();
  await applyRate();
}
for (const [i, owners] of OWNERS.entries()) await initialSyncAndSearch(owners, EXTRA[i]!);
