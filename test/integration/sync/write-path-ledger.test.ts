import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { mutationResultSchema } from '../../../core/sync/protocol.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { insertPatient, insertRecord } from '../../helpers/central-fixtures.js';
import {
  countRows,
  envelope,
  itemArgs,
  ownerArgs,
  push,
  pushOne,
  setupPractice,
  withStatus,
} from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('write path: ledger, roles and batches on %s', (kind) => {
  const db = useCentralDb(kind);

  it('applies a mutation once: a replay returns the recorded result and writes nothing', async () => {
    const practice = await setupPractice(db());
    const create = envelope('owner.create', ownerArgs({ email: 'ada@example.org' }), practice.frontDesk);
    const first = await pushOne(db(), practice.deviceId, create);
    expect(mutationResultSchema.parse(first)).toMatchObject({ status: 'applied', tables: ['owners'] });
    expect(first.txid).toMatch(/^\d+$/);

    const audit = await countRows(db(), 'audit.entity_changes');
    const log = await countRows(db(), 'sync.change_log');
    const replay = await pushOne(db(), practice.deviceId, create);
    expect(replay).toEqual(first);
    expect(await countRows(db(), 'audit.entity_changes')).toBe(audit);
    expect(await countRows(db(), 'sync.change_log')).toBe(log);
    expect(await countRows(db(), 'owners')).toBe(1);
    expect(await countRows(db(), 'sync.mutations')).toBe(1);
  });

  it('replays results recorded under the looser schema of old: a rejection without error, a merge without conflicts', async () => {
    const practice = await setupPractice(db());
    const rejected = envelope('owner.erase', { id: newId() }, practice.admin);
    const merged = envelope('owner.erase', { id: newId() }, practice.admin);
    const insert = `insert into sync.mutations
      (id, device_id, staff_id, name, args, client_created_at, status, result, txid)
      values ($1, $2, $3, 'owner.erase', $7::text::jsonb, now(), $4, $5::text::jsonb, $6::text::xid8)`;
    const old = (mutation: typeof rejected, status: string, txid: string | null) => [
      mutation.id,
      practice.deviceId,
      practice.admin,
      status,
      JSON.stringify({ id: mutation.id, status, txid, tables: txid ? ['owners'] : [] }),
      txid,
      JSON.stringify(mutation.args),
    ];
    await db().query(insert, old(rejected, 'rejected', null));
    await db().query(insert, old(merged, 'merged', '1'));

    const [again, mergedAgain] = await push(db(), practice.deviceId, rejected, merged);
    expect(withStatus(again, 'rejected').error).toEqual({
      code: 'INTERNAL',
      message: 'The server recorded this refusal without giving a reason',
    });
    expect(withStatus(mergedAgain, 'merged')).toEqual({
      id: merged.id,
      status: 'merged',
      txid: '1',
      tables: ['owners'],
      conflicts: [],
    });
    expect(await countRows(db(), 'sync.mutations')).toBe(2);
  });

  it('records the ledger row in the same transaction as the effects', async () => {
    const practice = await setupPractice(db());
    const create = envelope('owner.create', ownerArgs(), practice.frontDesk);
    const result = await pushOne(db(), practice.deviceId, create);
    const { rows } = await db().query<{ txid: string; status: string; device_id: string; result: unknown }>(
      `select txid::text as txid, status, device_id, result from sync.mutations where id = $1`,
      [create.id],
    );
    expect(rows).toEqual([{ txid: result.txid, status: 'applied', device_id: practice.deviceId, result }]);
    const audited = await db().query<{ transaction_id: number }>(
      `select transaction_id from audit.entity_changes where mutation_id = $1`,
      [create.id],
    );
    expect(audited.rows.map((row) => String(row.transaction_id))).toEqual([result.txid]);
  });

  it('replays a rejection as a rejection even once the cause is gone', async () => {
    const practice = await setupPractice(db());
    const ownerId = newId();
    const update = envelope(
      'owner.update',
      { id: ownerId, changes: { phone: '0700' }, base: { phone: null } },
      practice.frontDesk,
    );
    const first = await pushOne(db(), practice.deviceId, update);
    expect(first).toMatchObject({ status: 'rejected', txid: null, tables: [], error: { code: 'NOT_FOUND' } });
    await pushOne(db(), practice.deviceId, envelope('owner.create', ownerArgs({ id: ownerId }), practice.frontDesk));
    expect(await pushOne(db(), practice.deviceId, update)).toEqual(first);
    expect(await countRows(db(), 'owners', 'phone is not null')).toBe(0);
  });

  it('rejects a role that may not perform the mutation: a front desk cannot finalize a record', async () => {
    const practice = await setupPractice(db());
    const patient = await insertPatient(db());
    const record = await insertRecord(db(), patient.id);
    const result = await pushOne(
      db(),
      practice.deviceId,
      envelope('medicalRecord.finalize', { id: record.id, base: {} }, practice.frontDesk),
    );
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN', details: { reason: 'role' } } });
    expect(await countRows(db(), 'medical_records', `status = 'draft'`)).toBe(1);

    const byVet = await pushOne(
      db(),
      practice.deviceId,
      envelope('medicalRecord.finalize', { id: record.id, base: {} }, practice.vet),
    );
    expect(byVet).toMatchObject({ status: 'applied', tables: ['medical_records'] });
  });

  it('rejects an unknown or removed staff member', async () => {
    const practice = await setupPractice(db());
    const unknown = await pushOne(db(), practice.deviceId, envelope('owner.create', ownerArgs(), newId()));
    expect(unknown).toMatchObject({
      status: 'rejected',
      error: { code: 'FORBIDDEN', details: { reason: 'unknown_staff' } },
    });
    await db().query(`update staff set deleted_at = now() where id = $1`, [practice.nurse]);
    const removed = await pushOne(db(), practice.deviceId, envelope('owner.create', ownerArgs(), practice.nurse));
    expect(removed).toMatchObject({ error: { code: 'FORBIDDEN', details: { reason: 'staff_removed' } } });
    expect(await countRows(db(), 'owners')).toBe(0);
  });

  it('rejects an unknown mutation name and invalid arguments with the zod issues', async () => {
    const practice = await setupPractice(db());
    const [unknown, invalid] = await push(
      db(),
      practice.deviceId,
      envelope('owner.teleport', {}, practice.admin),
      envelope('owner.create', ownerArgs({ first_name: '  ', email: 'not-an-email' }), practice.admin),
    );
    expect(unknown).toMatchObject({ status: 'rejected', error: { code: 'UNKNOWN_MUTATION' } });
    expect(invalid).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const issues = (withStatus(invalid, 'rejected').error.details as { issues: { path: string[] }[] }).issues;
    expect(issues.map((issue) => issue.path.join('.')).sort()).toEqual(['email', 'first_name']);
  });

  it('applies the rest of a batch after a rejected mutation, in order', async () => {
    const practice = await setupPractice(db());
    const first = ownerArgs();
    const results = await push(
      db(),
      practice.deviceId,
      envelope('owner.create', first, practice.frontDesk),
      envelope('owner.erase', { id: first['id'] }, practice.frontDesk),
      envelope('owner.update', { id: first['id'], changes: { city: 'Leeds' }, base: { city: null } }, practice.nurse),
    );
    expect(results.map((result) => result.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(withStatus(results[1], 'rejected').error.code).toBe('FORBIDDEN');
    expect(await countRows(db(), 'owners', `city = 'Leeds'`)).toBe(1);
  });

  it('opens a draft without a number and reports its transaction and tables', async () => {
    const practice = await setupPractice(db());
    const billId = newId();
    const result = await pushOne(
      db(),
      practice.deviceId,
      envelope(
        'bill.create',
        { id: billId, owner_id: null, patient_id: null, notes: null, items: [itemArgs(), itemArgs()] },
        practice.frontDesk,
      ),
    );
    expect(result).toMatchObject({ status: 'applied', tables: ['bills', 'bill_items'] });
    const { rows } = await db().query<{ bill_number: string; status: string }>(
      `select bill_number, status::text from bills where id = $1`,
      [billId],
    );
    expect(rows).toEqual([{ bill_number: null, status: 'draft' }]);
    const logged = await db().query<{ txid: string }>(
      `select distinct txid::text as txid from sync.change_log where table_name in ('bills', 'bill_items')`,
    );
    expect(logged.rows).toEqual([{ txid: result.txid }]);
  });
});
