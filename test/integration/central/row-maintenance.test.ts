import { describe, expect, it } from 'vitest';
import { domainTables } from '../../../db/central/schema/index.js';
import { updateChannels, updateReleases } from '../../../db/central/schema/updates.js';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertOwner } from '../../helpers/central-fixtures.js';

/** Domain tables, and the update feed's releases and channels: admins' changes to them are audited too. */
const trackedTableNames = [...Object.values(domainTables), updateReleases, updateChannels].map(
  (table) => getTableConfig(table).name,
);

describe.each(CENTRAL_BACKENDS)('row maintenance on %s', (kind) => {
  const db = useCentralDb(kind);

  it('maintains version and updated_at on every update, ignoring what the writer sends', async () => {
    const owner = await insertOwner(db(), { version: 99 });
    const { rows: inserted } = await db().query<{ version: number; created_at: Date; updated_at: Date }>(
      'select version, created_at, updated_at from owners where id = $1',
      [owner.id],
    );
    expect(inserted[0]!.version).toBe(1);
    const { rows } = await db().query<{ version: number; created_at: Date; updated_at: Date }>(
      `update owners set phone = '1', version = 500, created_at = '2000-01-01' where id = $1
       returning version, created_at, updated_at`,
      [owner.id],
    );
    expect(rows[0]!.version).toBe(2);
    expect(rows[0]!.created_at).toEqual(inserted[0]!.created_at);
    expect(rows[0]!.updated_at.getTime()).toBeGreaterThanOrEqual(inserted[0]!.updated_at.getTime());
  });

  it('gives server-made rows UUIDv7 ids', async () => {
    const { rows } = await db().query<{ id: string }>(`insert into clinics default values returning id`);
    expect(rows[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("attaches the touch and audit triggers to every domain table and the update feed's, and to nothing else", async () => {
    const { rows } = await db().query<{ table_name: string; trigger_name: string }>(
      `select c.relname as table_name, t.tgname as trigger_name
         from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and t.tgname in ('t10_touch', 't90_audit_insert', 't90_audit_update', 't90_audit_delete') and not t.tgisinternal`,
    );
    for (const trigger of ['t10_touch', 't90_audit_insert', 't90_audit_update', 't90_audit_delete']) {
      const tables = rows.filter((row) => row.trigger_name === trigger).map((row) => row.table_name);
      expect(tables.sort(), trigger).toEqual([...trackedTableNames].sort());
    }
  });

  it('indexes every foreign key column', async () => {
    const { rows } = await db().query<{ table_name: string; column_name: string; indexed: boolean }>(
      `select cl.relname as table_name, a.attname as column_name,
              exists (
                select 1 from pg_index i
                 where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
              ) as indexed
         from pg_constraint c
         join pg_class cl on cl.oid = c.conrelid
         join pg_namespace n on n.oid = cl.relnamespace
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
        where c.contype = 'f' and n.nspname = 'public'`,
    );
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((row) => !row.indexed)).toEqual([]);
  });
});
