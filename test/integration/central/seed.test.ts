import { describe, expect, it } from 'vitest';
import type { CentralDb } from '../../../db/central/connection.js';
import { findSeedConflicts } from '../../../db/central/seed/conflicts.js';
import { generatePractice } from '../../../db/central/seed/generate.js';
import { PRACTICE_TABLES } from '../../../db/central/seed/rows.js';
import type { WriteProgress, WriteResult } from '../../../db/central/seed/write.js';
import { writePractice } from '../../../db/central/seed/write.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { expectSqlState } from '../../helpers/central-fixtures.js';

const ANCHOR = '2026-06-15';
// Pure and deterministic: every test writes the same practice into its own fresh database.
const practice = generatePractice({ seed: 7, owners: 60, anchorDate: ANCHOR });

describe.each(CENTRAL_BACKENDS)('seeding a demo practice on %s', (kind) => {
  const db = useCentralDb(kind);

  const seed = (target: CentralDb = db(), onProgress?: (p: WriteProgress) => void): Promise<WriteResult> =>
    writePractice(target, practice, { batchSize: 97, ...(onProgress ? { onProgress } : {}) });

  it('writes every generated row and reports the count per table', async () => {
    const result = await seed();
    for (const table of PRACTICE_TABLES) {
      const { rows } = await db().query<{ n: number }>(`select count(*)::int as n from ${table}`);
      expect(rows[0]?.n, table).toBe(practice[table].length);
      expect(result.counts[table], table).toBe(practice[table].length);
    }
    expect(result.rows).toBe(PRACTICE_TABLES.reduce((sum, t) => sum + practice[t].length, 0));
    expect(result.elapsedMs).toBeGreaterThan(0);
  });

  it('reports progress for every table until all its rows are written', async () => {
    const last = new Map<string, WriteProgress>();
    await seed(db(), (p) => {
      const key = `${p.table}/${p.step}`;
      expect(p.done).toBeGreaterThan(last.get(key)?.done ?? 0);
      last.set(key, p);
    });
    for (const table of PRACTICE_TABLES) {
      if (practice[table].length === 0) continue;
      expect(last.get(`${table}/insert`), table).toMatchObject({
        done: practice[table].length,
        total: practice[table].length,
      });
    }
    expect(last.get('bills/issue')?.done).toBe(practice.bills.filter((b) => b.issued_at !== null).length);
    expect(last.get('bills/settle')?.done).toBe(
      practice.bills.filter((b) => b.status === 'paid' || b.status === 'cancelled').length,
    );
  });

  it('lets the database number the issued bills BILL-000001 onwards, consecutively, and no draft', async () => {
    await seed();
    const { rows } = await db().query<{ bill_number: string | null; id: string }>(
      'select bill_number, id from bills order by bill_number, id',
    );
    const issued = new Set(practice.bills.filter((b) => b.issued_at !== null).map((b) => b.id));
    const numbered = rows.filter((r) => r.bill_number !== null);
    expect(numbered.map((r) => r.bill_number)).toEqual(
      [...issued].map((_, i) => `BILL-${String(i + 1).padStart(6, '0')}`),
    );
    expect(new Set(numbered.map((r) => r.id))).toEqual(issued);
    expect(rows.filter((r) => r.bill_number === null).every((r) => !issued.has(r.id))).toBe(true);
  });

  it('ends every bill in its generated status, with its timestamps', async () => {
    await seed();
    const { rows } = await db().query<{
      id: string;
      status: string;
      issued_at: Date | null;
      due_date: string | null;
      paid_at: Date | null;
      cancelled_at: Date | null;
    }>('select id, status, issued_at, due_date, paid_at, cancelled_at from bills');
    const byId = new Map(practice.bills.map((b) => [b.id, b]));
    for (const row of rows) {
      const bill = byId.get(row.id)!;
      expect({
        id: row.id,
        status: row.status,
        issued_at: row.issued_at?.toISOString() ?? null,
        due_date: row.due_date,
        paid_at: row.paid_at?.toISOString() ?? null,
        cancelled_at: row.cancelled_at?.toISOString() ?? null,
      }).toEqual({
        id: bill.id,
        status: bill.status,
        issued_at: bill.issued_at,
        due_date: bill.due_date,
        paid_at: bill.paid_at,
        cancelled_at: bill.cancelled_at,
      });
    }
    expect(rows).toHaveLength(practice.bills.length);
  });

  it('leaves every paid bill fully covered by its payments (balance 0 in bill_totals)', async () => {
    await seed();
    const { rows } = await db().query<{ status: string; total: string; paid: string; balance: string }>(
      `select b.status, t.total, t.paid, t.balance from bills b join bill_totals t on t.bill_id = b.id`,
    );
    const paid = rows.filter((r) => r.status === 'paid');
    expect(paid.length).toBe(practice.bills.filter((b) => b.status === 'paid').length);
    expect(paid.length).toBeGreaterThan(0);
    for (const row of paid) {
      expect(Number(row.total)).toBeGreaterThan(0);
      expect(row.balance).toBe('0.00');
    }
    for (const row of rows.filter((r) => r.status === 'sent' || r.status === 'overdue')) {
      expect(Number(row.balance)).toBeGreaterThan(0);
    }
  });

  it('links every addendum to a final record of the same patient', async () => {
    await seed();
    const { rows } = await db().query<{ ok: boolean }>(
      `select t.status = 'final' and t.patient_id = a.patient_id as ok
         from medical_records a join medical_records t on t.id = a.addendum_of`,
    );
    expect(rows.length).toBe(practice.medical_records.filter((r) => r.addendum_of !== null).length);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.ok)).toBe(true);
  });

  it('books a full anchor day for every vet in the clinic time zone', async () => {
    await seed();
    const { rows } = await db().query<{ vet_id: string; n: number; first: string; last_end: string; overlaps: number }>(
      `with today as (
         select a.vet_id, a.scheduled_at, a.duration_minutes,
                lag(a.scheduled_at + make_interval(mins => a.duration_minutes))
                  over (partition by a.vet_id order by a.scheduled_at) as previous_end
           from appointments a join clinics c on true
          where (a.scheduled_at at time zone c.timezone)::date = $1::date)
       select s.id as vet_id, count(t.vet_id)::int as n,
              to_char(min(t.scheduled_at at time zone 'Europe/Dublin'), 'HH24:MI') as first,
              to_char(max((t.scheduled_at + make_interval(mins => t.duration_minutes)) at time zone 'Europe/Dublin'), 'HH24:MI') as last_end,
              count(*) filter (where t.previous_end > t.scheduled_at)::int as overlaps
         from staff s left join today t on t.vet_id = s.id
        where s.role = 'vet'
        group by s.id`,
      [ANCHOR],
    );
    expect(rows).toHaveLength(3);
    for (const vet of rows) {
      expect(vet.n).toBeGreaterThanOrEqual(14);
      expect(vet.first).toBe('08:30');
      expect(vet.last_end > '17:00' && vet.last_end <= '18:00').toBe(true);
      expect(vet.overlaps).toBe(0);
    }
  });

  it('keeps owner e-mails unique', async () => {
    await seed();
    const { rows } = await db().query<{ email: string }>(
      'select lower(email) as email from owners where email is not null group by 1 having count(*) > 1',
    );
    expect(rows).toEqual([]);
    const { rows: counts } = await db().query<{ n: number }>('select count(email)::int as n from owners');
    expect(counts[0]?.n).toBe(practice.owners.filter((o) => o.email !== null).length);
  });

  it("marks every audit row of the seed with the context { source: 'seed' }", async () => {
    await seed();
    const { rows } = await db().query<{ source: string | null; n: number }>(
      `select context->>'source' as source, count(*)::int as n from audit.entity_changes group by 1`,
    );
    const inserted = PRACTICE_TABLES.reduce((sum, t) => sum + practice[t].length, 0);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.source).toBe('seed');
    expect(rows[0]!.n).toBeGreaterThan(inserted);
  });

  it('rethrows the unique violation when the practice is already there, and writes nothing more', async () => {
    await seed();
    const before = await db().query<{ n: number }>('select count(*)::int as n from audit.entity_changes');
    await expectSqlState(seed(), '23505');
    const after = await db().query<{ n: number }>('select count(*)::int as n from audit.entity_changes');
    expect(after.rows).toEqual(before.rows);
  });

  it('finds no conflicts in an empty database and refuses nothing there, but finds them after a first seed', async () => {
    expect(await findSeedConflicts(db(), practice)).toEqual({ ids: 0, staffLogins: 0, priceCodes: 0, ownerEmails: 0 });
    await seed();
    const again = await findSeedConflicts(db(), practice);
    expect(again.ids).toBe(practice.clinics.length + practice.staff.length + practice.price_list_items.length);
    expect(again.staffLogins).toBe(practice.staff.length);
    expect(again.priceCodes).toBe(practice.price_list_items.length);
    expect(again.ownerEmails).toBe(practice.owners.filter((o) => o.email !== null).length);
  });
});
