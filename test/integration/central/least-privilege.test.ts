import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createDatabase, dropDatabase } from '../../../db/central/admin.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { loadMigrations } from '../../../db/central/migrations/files.js';
import { migrateDown, migrateUp } from '../../../db/central/migrations/runner.js';
import { openPostgres } from '../../../db/central/pg-database.js';
import { serverConfigFromEnv } from '../../../server/config.js';
import { startServer } from '../../../server/start.js';
import { expectSqlState, insertOwner } from '../../helpers/central-fixtures.js';
import { uniqueDatabaseName } from '../../helpers/postgres-server.js';
import { countRows, envelope, ownerArgs, pushOne, setupPractice } from '../../helpers/sync-fixtures.js';

// SQLSTATE 42501 insufficient_privilege; 42501 is also what ALTER/DROP by a non-owner raise.
const DENIED = '42501';

/** A pool on `url` as `user`. */
function connectAs(url: string, user?: { name: string; password: string }): CentralDb {
  const target = new URL(url);
  if (user) {
    target.username = user.name;
    target.password = user.password;
  }
  return openPostgres({
    kind: 'postgres',
    connectionString: target.toString(),
    poolMax: 2,
    poolIdleMs: 1_000,
    connectTimeoutMs: 10_000,
  });
}

/**
 * Real PostgreSQL only: PGlite is embedded and single-user (it accepts the role statements, but no
 * other role ever connects to it). The server's role here is a LOGIN role that is a member of
 * vetdesk_app, exactly as docs/security.md tells a deployment to create it.
 */
describe('least privilege on postgres: the server role', () => {
  const serverUrl = inject('postgresServerUrl');
  let databaseName: string;
  let owner: CentralDb;
  let server: CentralDb;
  let role: { name: string; password: string };
  const asRole = (url: string) => {
    const target = new URL(url);
    target.username = role.name;
    target.password = role.password;
    return target.toString();
  };

  beforeEach(async () => {
    databaseName = uniqueDatabaseName('vetdesk_privilege');
    const url = await createDatabase(serverUrl, databaseName, inject('postgresTemplateName'));
    role = { name: uniqueDatabaseName('vetdesk_server'), password: randomBytes(18).toString('base64url') };
    owner = connectAs(url);
    await owner.exec(`create role ${role.name} login password '${role.password}' in role vetdesk_app`);
    server = connectAs(url, role);
  });

  afterEach(async () => {
    await server.close();
    await owner.close();
    await dropDatabase(serverUrl, databaseName);
    // After the database: the role's grants lived only there, so nothing else refers to it.
    const maintenance = connectAs(serverUrl);
    await maintenance.exec(`drop role if exists ${role.name}`);
    await maintenance.close();
  });

  it('applies mutations through the write path, with their audit and change-log rows', async () => {
    const practice = await setupPractice(owner);
    const created = ownerArgs({ email: 'least@example.org' });
    expect(
      await pushOne(server, practice.deviceId, envelope('owner.create', created, practice.frontDesk)),
    ).toMatchObject({ status: 'applied' });
    const update = envelope(
      'owner.update',
      { id: created.id, changes: { phone: '0611' }, base: { phone: created.phone ?? null } },
      practice.frontDesk,
    );
    expect(await pushOne(server, practice.deviceId, update)).toMatchObject({ status: 'applied' });
    expect(await countRows(server, 'audit.entity_changes', 'entity_id = $1', [created.id])).toBe(2);
    expect(await countRows(server, 'sync.change_log', 'row_id = $1', [created.id])).toBe(2);
    expect(await countRows(server, 'sync.mutations', 'device_id = $1', [practice.deviceId])).toBe(2);
    // The periodic jobs: sequencing and compacting the change log run as the owner's functions.
    const { rows } = await server.query<{ seq: number }>('select sync.sequence_changes() as seq');
    expect(rows[0]!.seq).toBeGreaterThan(0);
    await server.query('select sync.compact_change_log($1)', [rows[0]!.seq]);
    expect(await countRows(server, 'sync.change_log')).toBe(1);
  });

  it('erases an owner through the write path: the owner-run erasure redacts what the role cannot touch', async () => {
    const practice = await setupPractice(owner);
    const created = ownerArgs({ email: 'forget.me@example.org' });
    await pushOne(server, practice.deviceId, envelope('owner.create', created, practice.frontDesk));
    const erase = envelope('owner.erase', { id: created.id }, practice.admin);
    expect(await pushOne(server, practice.deviceId, erase)).toMatchObject({ status: 'applied' });
    const leftovers = await owner.query<{ n: number }>(
      `select ((select count(*) from audit.entity_changes where strpos(coalesce(old_values, new_values)::text, $1) > 0)
            + (select count(*) from sync.change_log where strpos(row_data::text, $1) > 0)
            + (select count(*) from sync.mutations where strpos(args::text, $1) > 0))::int as n`,
      ['forget.me@example.org'],
    );
    expect(leftovers.rows[0]!.n).toBe(0);
    expect(await countRows(server, 'audit.entity_changes', `action = 'erase' and entity_id = $1`, [created.id])).toBe(
      1,
    );
  });

  it('reads and writes every table in public (those of later migrations too) and no more', async () => {
    const { rows } = await owner.query<{ table_name: string; rw: boolean; beyond: boolean }>(
      `select c.relname as table_name,
              -- One privilege per call: a list answers whether ANY of them is held.
              (has_table_privilege($1, c.oid, 'select') and has_table_privilege($1, c.oid, 'insert')
                and has_table_privilege($1, c.oid, 'update') and has_table_privilege($1, c.oid, 'delete')) as rw,
              has_table_privilege($1, c.oid, 'truncate, references, trigger') as beyond
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'v')`,
      [role.name],
    );
    expect(rows.length).toBeGreaterThan(12);
    expect(rows.filter((row) => row.beyond)).toEqual([]);
    expect(rows.filter((row) => !row.rw).map((row) => row.table_name)).toEqual(['vetdesk_migrations']);
  });

  it('cannot update, delete or truncate audit rows, nor write them directly', async () => {
    const row = await insertOwner(server, { email: 'audited@example.org' });
    const where = `table_name = 'owners' and entity_id = '${row.id}'`;
    await expectSqlState(server.query(`update audit.entity_changes set changed_by = null where ${where}`), DENIED);
    await expectSqlState(server.query(`delete from audit.entity_changes where ${where}`), DENIED);
    await expectSqlState(server.query('truncate audit.entity_changes'), DENIED);
    await expectSqlState(server.query('truncate audit.entity_change_seals'), DENIED);
    await expectSqlState(server.query('delete from audit.entity_change_seals'), DENIED);
    await expectSqlState(
      server.query(`insert into audit.entity_changes (table_name, entity_id, action) values ('owners', $1, 'delete')`, [
        row.id,
      ]),
      DENIED,
    );
    expect(await countRows(owner, 'audit.entity_changes', where)).toBe(1);
  });

  it('cannot control triggers, replication mode or the schema', async () => {
    await expectSqlState(server.exec('alter table owners disable trigger t90_audit_update'), DENIED);
    await expectSqlState(server.exec('alter table audit.entity_changes disable trigger all'), DENIED);
    await expectSqlState(server.exec('set session_replication_role = replica'), DENIED);
    await expectSqlState(server.exec('drop table owners'), DENIED);
    await expectSqlState(server.exec('drop table audit.entity_changes'), DENIED);
    await expectSqlState(server.exec('create table public.intruder (id int)'), DENIED);
    await expectSqlState(server.exec('create table audit.intruder (id int)'), DENIED);
    await expectSqlState(server.exec('truncate owners'), DENIED);
    await expectSqlState(server.exec('delete from sync.change_log'), DENIED);
    await expectSqlState(server.exec('delete from vetdesk_migrations'), DENIED);
    await expectSqlState(server.query(`select vetdesk.track_table('owners')`), DENIED);
  });

  it('starts the server on an empty database: migrates as MIGRATION_DATABASE_URL, serves as DATABASE_URL', async () => {
    const emptyName = uniqueDatabaseName('vetdesk_privilege_empty');
    const emptyUrl = await createDatabase(serverUrl, emptyName);
    try {
      const running = await startServer(
        serverConfigFromEnv({
          DATABASE_URL: asRole(emptyUrl),
          MIGRATION_DATABASE_URL: emptyUrl,
          PORT: '0',
          LOG_LEVEL: 'silent',
        }),
      );
      try {
        const { rows } = await running.db.query<{ user: string; migrations: number }>(
          'select current_user as user, (select count(*)::int from vetdesk_migrations) as migrations',
        );
        expect(rows[0]).toEqual({ user: role.name, migrations: (await loadMigrations()).length });
        const health = await fetch(`${running.url}/healthz`);
        expect(await health.json()).toMatchObject({ status: 'ok', database: 'postgres' });
      } finally {
        await running.close();
      }
    } finally {
      await dropDatabase(serverUrl, emptyName);
    }
  });

  it('leaves migrations to the owner: down and up again work, and new tables reach the server role', async () => {
    const known = await loadMigrations();
    const leastPrivilege = known.find((migration) => migration.name === 'least_privilege')!.version;
    await migrateDown(owner, known, { to: leastPrivilege - 1 });
    await expectSqlState(server.query('select count(*) from owners'), DENIED);
    await migrateUp(owner, known);
    await insertOwner(server);
    // Default privileges: a table a later migration creates is the server's to use at once.
    await owner.exec('create table later_table (id int primary key)');
    await server.query('insert into later_table values (1)');
    expect(await countRows(server, 'later_table')).toBe(1);
    await expectSqlState(server.exec('drop table later_table'), DENIED);
  });
});
