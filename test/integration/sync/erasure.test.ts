import { describe, expect, it } from 'vitest';
import type { CentralDb } from '../../../db/central/connection.js';
import { verifyAuditChain } from '../../../sync/server/audit-chain-verify.js';
import { sealPending } from '../../../sync/server/audit-sealer.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState } from '../../helpers/central-fixtures.js';
import {
  envelope,
  ownerArgs,
  patientArgs,
  push,
  pushOne,
  setupPractice,
  type SyncPractice,
} from '../../helpers/sync-fixtures.js';

/** Personal values no other fixture uses, so any occurrence left behind is this person's. */
const PERSON = {
  first_name: 'Perpetua',
  last_name: 'Quillfeather',
  email: 'perpetua.q@example.org',
  phone: '+44 7700 900123',
  address: '12 Mnemosyne Lane',
  city: 'Forgetton',
  postcode: 'EX1 9ZZ',
  notes: 'Prefers calls after six, ask for Perpetua',
};
const LATER_PHONES = ['+44 7700 900456', '+44 7700 900789'];

/**
 * Every text, varchar and jsonb column of every table in VetDesk's schemas where `needle`
 * occurs (case-insensitively), as `schema.table.column`.
 */
async function occurrences(db: CentralDb, needle: string): Promise<string[]> {
  const { rows: columns } = await db.query<{ table_schema: string; table_name: string; column_name: string }>(
    `select c.table_schema, c.table_name, c.column_name
       from information_schema.columns c
       join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema in ('public', 'audit', 'sync', 'vetdesk') and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'jsonb', 'json')`,
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const column of columns) {
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from "${column.table_schema}"."${column.table_name}"
        where strpos(lower("${column.column_name}"::text), lower($1)) > 0`,
      [needle],
    );
    if (rows[0]!.n > 0) found.push(`${column.table_schema}.${column.table_name}.${column.column_name}`);
  }
  return found;
}

/** Id, place and keys of every audit row: what an erasure must leave as it was. */
async function auditStructure(db: CentralDb): Promise<unknown[]> {
  const { rows } = await db.query(
    `select id, table_name, entity_id, action, changed_by, device_id, mutation_id, changed_at, transaction_id,
            (select array_agg(k order by k) from jsonb_object_keys(coalesce(old_values, '{}')) k) as old_keys,
            (select array_agg(k order by k) from jsonb_object_keys(coalesce(new_values, '{}')) k) as new_keys
       from audit.entity_changes order by id`,
  );
  return rows;
}

/** An owner with a history: created, edited twice concurrently (a conflict), one refused edit. */
async function ownerWithHistory(db: CentralDb, practice: SyncPractice) {
  const owner = ownerArgs(PERSON);
  const create = envelope('owner.create', owner, practice.frontDesk);
  expect(await pushOne(db, practice.deviceId, create)).toMatchObject({ status: 'applied' });
  const edits = LATER_PHONES.map((phone) =>
    envelope('owner.update', { id: owner.id, changes: { phone }, base: { phone: PERSON.phone } }, practice.frontDesk),
  );
  const results = await push(db, practice.deviceId, ...edits);
  expect(results.map((result) => result.status)).toEqual(['applied', 'merged']);
  const refused = envelope(
    'owner.update',
    { id: owner.id, changes: { email: `${PERSON.last_name} at home` }, base: { email: PERSON.email } },
    practice.frontDesk,
  );
  expect(await pushOne(db, practice.deviceId, refused)).toMatchObject({ status: 'rejected' });
  const patient = patientArgs({ owner_id: owner.id });
  await pushOne(db, practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
  return { owner, create, patient };
}

describe.each(CENTRAL_BACKENDS)('erasure on %s', (kind) => {
  const db = useCentralDb(kind);

  it('owner.erase leaves no personal value anywhere, keeps the audit structure and audits the erasure', async () => {
    const practice = await setupPractice(db());
    const { owner, create, patient } = await ownerWithHistory(db(), practice);
    for (const value of [...Object.values(PERSON), ...LATER_PHONES]) {
      expect(await occurrences(db(), value), `before erasure: ${value}`).not.toEqual([]);
    }
    await sealPending(db());
    const before = await auditStructure(db());

    const erase = envelope('owner.erase', { id: owner.id }, practice.admin);
    expect(await pushOne(db(), practice.deviceId, erase)).toMatchObject({ status: 'applied' });

    for (const value of [...Object.values(PERSON), ...LATER_PHONES]) {
      expect(await occurrences(db(), value), `after erasure: ${value}`).toEqual([]);
    }
    expect((await auditStructure(db())).slice(0, before.length)).toEqual(before);
    const { rows: erasures } = await db().query<{ changed_by: string; mutation_id: string; context: unknown }>(
      `select changed_by, mutation_id, context from audit.entity_changes
        where action = 'erase' and table_name = 'owners' and entity_id = $1`,
      [owner.id],
    );
    expect(erasures).toEqual([
      {
        changed_by: practice.admin,
        mutation_id: erase.id,
        // create, two edits, the delete; the conflict's insert and its redaction; three ledger rows.
        context: { redacted: { audit: 6, conflicts: 1, mutations: 4 } },
      },
    ]);
    // The patient and the ledger's shape stay: only values changed.
    const { rows: patients } = await db().query('select owner_id from patients where id = $1', [patient.id]);
    expect(patients).toEqual([{ owner_id: null }]);
    const { rows: ledger } = await db().query<{ args: Record<string, unknown> }>(
      'select args from sync.mutations where id = $1',
      [create.id],
    );
    expect(ledger[0]!.args).toEqual({
      ...owner,
      ...Object.fromEntries(Object.keys(PERSON).map((k) => [k, '[erased]'])),
    });

    // A workstation that never saw the answer to its create still gets it, not a 409.
    expect(await pushOne(db(), practice.deviceId, create)).toMatchObject({ id: create.id, status: 'applied' });
    // Sealed rows that were redacted are reported as such; the chain still holds.
    await sealPending(db());
    const report = await verifyAuditChain(db());
    expect(report.broken).toBeUndefined();
    expect(report.redacted).toBe(4);
  });

  it('patient.erase erases the patient’s identifying values the same way', async () => {
    const practice = await setupPractice(db());
    const patient = patientArgs({ name: 'Zebulon Fernwhistle', microchip: '985112003456789', notes: 'Bites' });
    await pushOne(db(), practice.deviceId, envelope('patient.create', patient, practice.frontDesk));
    const erase = envelope('patient.erase', { id: patient.id }, practice.admin);
    expect(await pushOne(db(), practice.deviceId, erase)).toMatchObject({ status: 'applied' });
    expect(await occurrences(db(), 'Fernwhistle')).toEqual([]);
    expect(await occurrences(db(), '985112003456789')).toEqual([]);
    const { rows } = await db().query(
      `select action from audit.entity_changes where table_name = 'patients' and entity_id = $1 order by id`,
      [patient.id],
    );
    expect(rows).toEqual([{ action: 'insert' }, { action: 'delete' }, { action: 'erase' }]);
  });

  it('still refuses any other change to audit rows, even one that looks like a redaction', async () => {
    const practice = await setupPractice(db());
    const erased = ownerArgs({ first_name: 'Gone' });
    const kept = ownerArgs(PERSON);
    await push(
      db(),
      practice.deviceId,
      envelope('owner.create', erased, practice.frontDesk),
      envelope('owner.create', kept, practice.frontDesk),
      envelope('owner.erase', { id: erased.id }, practice.admin),
    );
    const keptRows = `table_name = 'owners' and entity_id = '${kept.id}'`;
    const erasedRows = `table_name = 'owners' and entity_id = '${erased.id}' and action = 'insert'`;
    // Not listed as redacted by an erasure: refused, though it only writes the marker.
    await expectSqlState(
      db().query(
        `update audit.entity_changes set new_values = new_values || '{"email": "[erased]"}' where ${keptRows}`,
      ),
      'VD010',
    );
    // Listed, but changing more than values to the marker: refused.
    await expectSqlState(db().query(`update audit.entity_changes set changed_by = null where ${erasedRows}`), 'VD010');
    await expectSqlState(
      db().query(
        `update audit.entity_changes set new_values = new_values || '{"city": "Elsewhere"}' where ${erasedRows}`,
      ),
      'VD010',
    );
    await expectSqlState(db().query('delete from audit.redactions'), 'VD010');
    await expectSqlState(db().query('delete from audit.entity_changes where ' + erasedRows), 'VD010');
  });
});
