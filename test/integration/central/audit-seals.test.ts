import { describe, expect, it } from 'vitest';
import type { CentralDb, SqlExecutor } from '../../../db/central/connection.js';
import { buildApp } from '../../../server/http/app.js';
import { verifyAuditChain } from '../../../sync/server/audit-chain-verify.js';
import { sealPending } from '../../../sync/server/audit-sealer.js';
import { AuditSealer } from '../../../sync/server/audit-sealer-schedule.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState, insertOwner } from '../../helpers/central-fixtures.js';

/** Audit ids in chain order. */
async function chainIds(db: CentralDb): Promise<number[]> {
  const { rows } = await db.query<{ audit_id: number }>('select audit_id from audit.entity_change_seals order by seq');
  return rows.map((row) => row.audit_id);
}

async function auditIds(db: CentralDb): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>('select id from audit.entity_changes order by id');
  return rows.map((row) => row.id);
}

/** Does what a database owner can: lifts the append-only guard of `table` for one statement. */
async function asOwner(db: CentralDb, table: string, sql: string, params: unknown[] = []): Promise<void> {
  await db.transaction(async (tx: SqlExecutor) => {
    await tx.exec(`alter table ${table} disable trigger all`);
    await tx.query(sql, params);
    await tx.exec(`alter table ${table} enable trigger all`);
  });
}

describe.each(CENTRAL_BACKENDS)('audit seals on %s', (kind) => {
  const db = useCentralDb(kind);

  it('seals every audit row of several transactions in batches, and the chain verifies', async () => {
    for (let i = 0; i < 5; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    await db().transaction(async (tx) => {
      await insertOwner(tx, { first_name: 'Pair A' });
      await insertOwner(tx, { first_name: 'Pair B' });
    });
    const ids = await auditIds(db());
    expect(ids).toHaveLength(7);

    expect(await sealPending(db(), { batch: 3 })).toMatchObject({ sealed: 7, lastSeq: 7 });
    expect(await chainIds(db())).toEqual(ids);
    expect(await sealPending(db())).toMatchObject({ sealed: 0, lastSeq: 7 });

    await insertOwner(db(), { first_name: 'Later' });
    const report = await verifyAuditChain(db(), { batch: 2 });
    expect(report).toMatchObject({ checked: 7, unsealed: 1, head: { seq: 7 } });
    expect(report.broken).toBeUndefined();
    expect(await sealPending(db())).toMatchObject({ sealed: 1, lastSeq: 8 });
    expect(await verifyAuditChain(db())).toMatchObject({ checked: 8, unsealed: 0 });
  });

  it('finds an audit row edited by the database owner, at exactly its link', async () => {
    for (let i = 0; i < 4; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    await sealPending(db());
    const ids = await chainIds(db());
    await asOwner(
      db(),
      'audit.entity_changes',
      `update audit.entity_changes set new_values = new_values || '{"first_name":"Forged"}' where id = $1`,
      [ids[2]],
    );

    const report = await verifyAuditChain(db());
    expect(report.checked).toBe(2);
    expect(report.broken).toMatchObject({ kind: 'content', seq: 3, auditId: ids[2] });
    expect(report.broken?.expected).not.toBe(report.broken?.found);
  });

  it('finds a sealed audit row deleted by the owner, and a removed seal', async () => {
    for (let i = 0; i < 4; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    await sealPending(db());
    const ids = await chainIds(db());
    await asOwner(db(), 'audit.entity_changes', 'delete from audit.entity_changes where id = $1', [ids[1]]);
    expect((await verifyAuditChain(db())).broken).toMatchObject({ kind: 'row-missing', seq: 2, auditId: ids[1] });

    await asOwner(db(), 'audit.entity_change_seals', 'delete from audit.entity_change_seals where seq <= 2');
    expect((await verifyAuditChain(db())).broken).toMatchObject({ kind: 'seq-gap', seq: 3, expected: '1' });
  });

  it('refuses to update, delete or truncate seals', async () => {
    await insertOwner(db(), { first_name: 'Sealed' });
    await sealPending(db());
    await expectSqlState(db().query(`update audit.entity_change_seals set hash = repeat('0', 64)`), 'VD010');
    await expectSqlState(db().query('delete from audit.entity_change_seals'), 'VD010');
    await expectSqlState(db().query('truncate audit.entity_change_seals'), 'VD010');
  });

  it('seals on its own after start, reports it, and close waits for the pass', async () => {
    await insertOwner(db(), { first_name: 'Scheduled' });
    const outcomes: number[] = [];
    const sealer = new AuditSealer(db(), {
      firstPassAfterMs: 10,
      intervalMs: 20,
      onSealed: (o) => outcomes.push(o.sealed),
    });
    sealer.start();
    await expect.poll(() => outcomes).toEqual([1]);
    await sealer.close();
    expect(await sealer.sealNow()).toMatchObject({ sealed: 0, lastSeq: 1 });
  });

  it('is scheduled by the HTTP app while it listens and counted in /metrics', async () => {
    for (let i = 0; i < 2; i++) await insertOwner(db(), { first_name: `Owner ${i}` });
    const app = buildApp({ db: db(), version: 'test', logLevel: 'silent', sealing: { firstPassAfterMs: 0 } });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      // onSealed runs after the pass commits, so wait for the counter rather than the rows.
      const scrape = async () => (await app.inject({ method: 'GET', url: '/metrics' })).body;
      await expect.poll(scrape).toMatch(/^vetdesk_audit_sealed_rows_total 2$/m);
      expect(await chainIds(db())).toHaveLength(2);
      const metrics = await scrape();
      expect(metrics).toMatch(/^vetdesk_audit_seal_lag_seconds \d/m);
    } finally {
      await app.close();
    }
  });
});

describe('audit seals and a transaction that commits late, on postgres', () => {
  const db = useCentralDb('postgres', { poolMax: 4 });

  it('never skips the lower audit id of a transaction still open, and seals it after it commits', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted: () => void = () => undefined;
    const begun = new Promise<void>((resolve) => (inserted = resolve));
    const late = db().transaction(async (tx) => {
      await insertOwner(tx, { first_name: 'Late' });
      inserted();
      await gate;
    });
    await begun;
    await insertOwner(db(), { first_name: 'Early' });
    const [lateId, earlyId] = await (async () => {
      const { rows } = await db().query<{ id: number }>(
        'select last_value::bigint as id from audit.entity_changes_id_seq',
      );
      return [rows[0]!.id - 1, rows[0]!.id];
    })();

    expect(await sealPending(db())).toMatchObject({ sealed: 1, lastSeq: 1 });
    release();
    await late;
    expect(await sealPending(db())).toMatchObject({ sealed: 1, lastSeq: 2 });

    expect(await chainIds(db())).toEqual([earlyId, lateId]);
    expect(await verifyAuditChain(db())).toMatchObject({ checked: 2, unsealed: 0 });
  });
});
