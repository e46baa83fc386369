import { describe, expect, it } from 'vitest';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  expectSqlState,
  insertOwner,
  insertPatient,
  insertRecord,
  insertStaff,
} from '../../helpers/central-fixtures.js';

describe.each(CENTRAL_BACKENDS)('medical records on %s', (kind) => {
  const db = useCentralDb(kind);

  it('snapshots the owner name and phone at the visit', async () => {
    const owner = await insertOwner(db(), { first_name: 'Noor', last_name: 'Haddad', phone: '+44 20 7946 0000' });
    const patient = await insertPatient(db(), { owner_id: owner.id });
    const record = await insertRecord(db(), patient.id);
    await db().query(`update owners set phone = '000' where id = $1`, [owner.id]);
    const { rows } = await db().query(
      'select owner_name_snapshot, owner_phone_snapshot from medical_records where id = $1',
      [record.id],
    );
    expect(rows).toEqual([{ owner_name_snapshot: 'Noor Haddad', owner_phone_snapshot: '+44 20 7946 0000' }]);
  });

  it('stamps finalized_at when a record becomes final, and then refuses every change', async () => {
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id, { subjective: 'Limping' });
    const vet = await insertStaff(db(), { role: 'vet' });
    const { rows } = await db().query<{ finalized_at: Date }>(
      `update medical_records set status = 'final', finalized_by = $2 where id = $1 returning finalized_at`,
      [record.id, vet.id],
    );
    expect(rows[0]!.finalized_at).toBeInstanceOf(Date);
    await expectSqlState(db().query(`update medical_records set subjective = 'x' where id = $1`, [record.id]), 'VD001');
    await expectSqlState(
      db().query(`update medical_records set deleted_at = now() where id = $1`, [record.id]),
      'VD001',
    );
    await expectSqlState(db().query(`delete from medical_records where id = $1`, [record.id]), 'VD001');
  });

  it('takes corrections as addenda to a final record of the same patient only', async () => {
    const patient = await insertPatient(db());
    const other = await insertPatient(db());
    const draft = await insertRecord(db(), patient.id);
    const vet = await insertStaff(db(), { role: 'vet' });
    const final = await insertRecord(db(), patient.id, { status: 'final', finalized_by: vet.id });
    const addendum = await insertRecord(db(), patient.id, { addendum_of: final.id, record_type: 'note' });
    expect(addendum.id).toBeTruthy();
    await expectSqlState(insertRecord(db(), patient.id, { addendum_of: draft.id }), 'VD007');
    await expectSqlState(insertRecord(db(), other.id, { addendum_of: final.id }), 'VD007');
  });

  it('lets a draft be edited and soft-deleted', async () => {
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id);
    await db().query(`update medical_records set plan = 'Rest' where id = $1`, [record.id]);
    const result = await db().query(`update medical_records set deleted_at = now() where id = $1`, [record.id]);
    expect(result.rowCount).toBe(1);
  });
});
