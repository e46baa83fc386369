import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertOwner, insertStaff } from '../../helpers/central-fixtures.js';

interface AuditRow {
  table_name: string;
  entity_id: string;
  action: string;
  changed_by: string | null;
  device_id: string | null;
  mutation_id: string | null;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
}

const auditColumns =
  'table_name, entity_id, action, changed_by, device_id, mutation_id, old_values, new_values, context';

describe.each(CENTRAL_BACKENDS)('audit trail on %s', (kind) => {
  const db = useCentralDb(kind);

  it('records who, which device and which mutation changed a row, with old and new values', async () => {
    const staffId = (await insertStaff(db())).id;
    const deviceId = newId();
    const [createId, updateId, deleteId] = [newId(), newId(), newId()];
    const owner = await db().transaction((tx) => insertOwner(tx, { email: 'ada@example.org' }), {
      audit: { staffId, deviceId, mutationId: createId },
    });
    await db().transaction(
      (tx) =>
        tx.query(`update owners set phone = '0700 900 000', email = 'lovelace@example.org' where id = $1`, [owner.id]),
      { audit: { staffId, deviceId, mutationId: updateId } },
    );
    const history = async () =>
      (
        await db().query<AuditRow>(
          `select ${auditColumns} from audit.entity_changes where entity_id = $1 order by id`,
          [owner.id],
        )
      ).rows;
    const [inserted, updated] = await history();
    expect(inserted!.old_values).toBeNull();
    expect(inserted!.new_values).toMatchObject({ id: owner.id, first_name: 'Ada', email: 'ada@example.org' });
    expect(updated!.old_values).toEqual({ phone: null, email: 'ada@example.org' });
    expect(updated!.new_values).toEqual({ phone: '0700 900 000', email: 'lovelace@example.org' });

    await db().transaction((tx) => tx.query('delete from owners where id = $1', [owner.id]), {
      audit: { staffId, deviceId, mutationId: deleteId },
    });
    const rows = await history();
    // A hard delete of an owner is an erasure (migration 0015): the history keeps its rows and
    // keys, the personal values become '[erased]', and the erasure itself is the last entry.
    expect(rows.map((row) => [row.action, row.changed_by, row.device_id, row.mutation_id])).toEqual([
      ['insert', staffId, deviceId, createId],
      ['update', staffId, deviceId, updateId],
      ['delete', staffId, deviceId, deleteId],
      ['erase', staffId, deviceId, deleteId],
    ]);
    expect(rows[1]!.old_values).toEqual({ phone: null, email: '[erased]' });
    expect(rows[1]!.new_values).toEqual({ phone: '[erased]', email: '[erased]' });
    expect(rows[2]!.old_values).toMatchObject({ id: owner.id, first_name: '[erased]', email: '[erased]' });
    expect(rows[2]!.new_values).toBeNull();
  });

  it('records null actors when no settings are made, even after an earlier transaction set them', async () => {
    await db().transaction((tx) => insertOwner(tx), { audit: { staffId: newId(), mutationId: newId() } });
    const owner = await insertOwner(db(), { first_name: 'Grace', last_name: 'Hopper' });
    const { rows } = await db().query<AuditRow>(
      `select ${auditColumns} from audit.entity_changes where entity_id = $1`,
      [owner.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ changed_by: null, device_id: null, mutation_id: null, context: null });
  });

  it('stores the audit context given to the transaction', async () => {
    const context = { conflict: { field: 'phone', winner: 'a', loser: 'b' } };
    const owner = await db().transaction((tx) => insertOwner(tx), { audit: { auditContext: context } });
    const { rows } = await db().query<AuditRow>(`select context from audit.entity_changes where entity_id = $1`, [
      owner.id,
    ]);
    expect(rows).toEqual([{ context }]);
  });

  it('writes no audit row and bumps no version for an update that changes nothing', async () => {
    const owner = await insertOwner(db());
    const result = await db().query(`update owners set first_name = 'Ada' where id = $1`, [owner.id]);
    expect(result.rowCount).toBe(0);
    const { rows } = await db().query(`select count(*)::int as n from audit.entity_changes where entity_id = $1`, [
      owner.id,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('redacts secrets such as a staff password hash', async () => {
    const staff = await insertStaff(db(), { password_hash: 'scrypt$secret' });
    await db().query(`update staff set password_hash = 'scrypt$other' where id = $1`, [staff.id]);
    const { rows } = await db().query<AuditRow>(
      `select old_values, new_values from audit.entity_changes where entity_id = $1 order by id`,
      [staff.id],
    );
    expect(rows[0]!.new_values).toMatchObject({ password_hash: '[redacted]' });
    expect(rows[1]).toEqual({
      old_values: { password_hash: '[redacted]' },
      new_values: { password_hash: '[redacted]' },
    });
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await insertOwner(db());
    await expectSqlState(db().query(`update audit.entity_changes set action = 'delete'`), 'VD010');
    await expectSqlState(db().query('delete from audit.entity_changes'), 'VD010');
    await expectSqlState(db().query('truncate audit.entity_changes'), 'VD010');
  });

  it('refuses changes to the audit table even with triggers switched to replica mode', async () => {
    await insertOwner(db());
    await expectSqlState(
      db().transaction(async (tx) => {
        await tx.exec('set local session_replication_role = replica');
        await tx.query('delete from audit.entity_changes');
      }),
      'VD010',
    );
  });

  it('still audits writes made in replica mode', async () => {
    const owner = await db().transaction(async (tx) => {
      await tx.exec('set local session_replication_role = replica');
      return insertOwner(tx);
    });
    const { rows } = await db().query(`select action from audit.entity_changes where entity_id = $1`, [owner.id]);
    expect(rows).toEqual([{ action: 'insert' }]);
  });
});

describe.each(CENTRAL_BACKENDS)('audit trail of cascaded and bulk writes on %s', (kind) => {
  const db = useCentralDb(kind);

  it('audits the owner_id a foreign key action sets to null when an owner is erased', async () => {
    const owner = await insertOwner(db());
    const { rows: patients } = await db().query<{ id: string }>(
      `insert into patients (owner_id, name, species) values ($1, 'A', 'cat'), ($1, 'B', 'dog') returning id`,
      [owner.id],
    );
    const mutationId = newId();
    await db().transaction((tx) => tx.query('delete from owners where id = $1', [owner.id]), { audit: { mutationId } });
    const { rows } = await db().query(
      `select table_name, entity_id, action, old_values, new_values from audit.entity_changes
        where mutation_id = $1 order by table_name, entity_id`,
      [mutationId],
    );
    // The owner's delete and, since a hard delete of an owner is an erasure, its 'erase' entry.
    expect(rows.filter((row) => row['table_name'] === 'owners').map((row) => row['action'])).toEqual([
      'delete',
      'erase',
    ]);
    expect(rows.filter((row) => row['table_name'] === 'patients')).toEqual(
      patients
        .map((p) => ({
          table_name: 'patients',
          entity_id: p.id,
          action: 'update',
          old_values: { owner_id: owner.id },
          new_values: { owner_id: null },
        }))
        .sort((a, b) => a.entity_id.localeCompare(b.entity_id)),
    );
  });

  it('writes one audit row per row of a multi-row statement, skipping rows it left unchanged', async () => {
    await db().query(`insert into patients (name, species) values ('A', 'cat'), ('B', 'dog'), ('C', 'bird')`);
    await db().query(`update patients set status = 'inactive' where name in ('A', 'B')`);
    await db().query(`update patients set species = 'cat' where name in ('A', 'C')`);
    const { rows } = await db().query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit.entity_changes where table_name = 'patients' group by action order by action`,
    );
    expect(rows).toEqual([
      { action: 'insert', n: 3 },
      { action: 'update', n: 3 },
    ]);
  });
});
