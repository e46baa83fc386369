import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BillStatus } from '../../../core/domain/enums.js';
import { ownerAccount, type AccountBill, type AccountPayment } from '../../../core/domain/owner-account.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { sqlState } from '../../../db/central/pg-error.js';
import { useCentralDb } from '../../helpers/central-db.js';
import { insertBill, insertOwner, insertRow, insertStaff } from '../../helpers/central-fixtures.js';

/**
 * The credit rule lives twice: `vetdesk.owner_credit` in the central database (which refuses
 * what would take it below zero) and core/domain/owner-account.ts on the workstation. Random
 * sequences of bills, payments, credit uses, refunds, voids, issues and cancels, written
 * straight to the database, must leave both agreeing on every owner's credit.
 */

const money = fc.integer({ min: 1, max: 6_000 }).map((cents) => (cents / 100).toFixed(2));

const step = fc.oneof(
  fc.record({ op: fc.constant('bill' as const), total: money, issue: fc.boolean() }),
  fc.record({ op: fc.constant('pay' as const), bill: fc.nat(), amount: money }),
  fc.record({ op: fc.constant('useCredit' as const), bill: fc.nat(), amount: money }),
  fc.record({ op: fc.constant('refund' as const), amount: money }),
  fc.record({ op: fc.constant('void' as const), payment: fc.nat() }),
  fc.record({ op: fc.constant('issue' as const), bill: fc.nat() }),
  fc.record({ op: fc.constant('cancel' as const), bill: fc.nat() }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** States a write may be refused with: the rules the database enforces, none unexpected. */
const EXPECTED_REFUSALS = new Set(['VD002', 'VD006', 'VD021']);

async function apply(db: CentralDb, ownerId: string, staffId: string, s: Step, bills: string[], payments: string[]) {
  const pick = (list: string[], index: number) => list[index % list.length];
  await db.transaction(async (tx) => {
    switch (s.op) {
      case 'bill': {
        const bill = await insertBill(tx, { owner_id: ownerId });
        await insertRow(tx, 'bill_items', { bill_id: bill.id, description: 'Visit', unit_price: s.total });
        if (s.issue) await tx.query(`update bills set status = 'sent', issued_at = now() where id = $1`, [bill.id]);
        bills.push(bill.id);
        return;
      }
      case 'pay':
      case 'useCredit': {
        const billId = pick(bills, s.bill);
        if (!billId) return;
        const row = await insertRow<{ id: string }>(tx, 'payments', {
          bill_id: billId,
          kind: s.op === 'pay' ? 'payment' : 'credit',
          method: s.op === 'pay' ? 'card' : null,
          amount: s.amount,
        });
        payments.push(row.id);
        return;
      }
      case 'refund': {
        const row = await insertRow<{ id: string }>(tx, 'payments', {
          owner_id: ownerId,
          kind: 'refund',
          method: 'cash',
          amount: s.amount,
          notes: 'Refund',
        });
        payments.push(row.id);
        return;
      }
      case 'void': {
        const id = pick(payments, s.payment);
        if (!id) return;
        await tx.query(`update payments set voided_at = now(), voided_by = $2, void_reason = 'Mistake' where id = $1`, [
          id,
          staffId,
        ]);
        return;
      }
      case 'issue':
      case 'cancel': {
        const billId = pick(bills, s.bill);
        if (!billId) return;
        if (s.op === 'issue') {
          await tx.query(`update bills set status = 'sent', issued_at = now() where id = $1 and status = 'draft'`, [
            billId,
          ]);
        } else {
          await tx.query(`update bills set status = 'cancelled', cancel_reason = 'Mistake' where id = $1`, [billId]);
        }
        return;
      }
    }
  });
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

async function coreCredit(db: CentralDb, ownerId: string): Promise<string> {
  const { rows: bills } = await db.query<{
    id: string;
    bill_number: string | null;
    status: BillStatus;
    issued_at: Date | null;
    due_date: string | null;
    created_at: Date;
  }>(`select id, bill_number, status::text, issued_at, due_date::text, created_at from bills where owner_id = $1`, [
    ownerId,
  ]);
  const { rows: items } = await db.query<{ bill_id: string; quantity: string; unit_price: string; tax_rate: string }>(
    `select i.bill_id, i.quantity::text, i.unit_price::text, i.tax_rate::text
       from bill_items i join bills b on b.id = i.bill_id where b.owner_id = $1 and i.deleted_at is null`,
    [ownerId],
  );
  const { rows: payments } = await db.query<
    Omit<AccountPayment, 'paid_at' | 'voided_at'> & { paid_at: Date; voided_at: Date | null }
  >(
    `select id, kind::text, bill_id, amount::text, method::text, tendered::text, paid_at, reference, notes,
            voided_at, void_reason
       from payments p
      where p.bill_id in (select id from bills where owner_id = $1) or (p.bill_id is null and p.owner_id = $1)`,
    [ownerId],
  );
  const accountBills = bills.map((bill): AccountBill => ({
    ...bill,
    issued_at: iso(bill.issued_at),
    created_at: bill.created_at.toISOString(),
    items: items.filter((item) => item.bill_id === bill.id),
  }));
  const accountPayments = payments.map((payment): AccountPayment => ({
    ...payment,
    paid_at: payment.paid_at.toISOString(),
    voided_at: iso(payment.voided_at),
  }));
  return ownerAccount(accountBills, accountPayments).credit;
}

describe('the credit rule in SQL and in core', () => {
  const db = useCentralDb('pglite');

  it('agrees over random sequences of bills, payments, credit uses, refunds, voids and cancels', async () => {
    const staff = await insertStaff(db(), { role: 'admin' });
    // The runs must reach the interesting states, not only empty accounts.
    let withCredit = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 18 }), async (steps) => {
        const owner = await insertOwner(db());
        const bills: string[] = [];
        const payments: string[] = [];
        for (const s of steps) {
          try {
            await apply(db(), owner.id, staff.id, s, bills, payments);
          } catch (error) {
            const state = sqlState(error);
            if (!state || !EXPECTED_REFUSALS.has(state)) throw error;
            refused += 1;
          }
        }
        const { rows } = await db().query<{ credit: string }>(
          `select vetdesk.owner_credit($1)::numeric(14, 2)::text as credit`,
          [owner.id],
        );
        const sqlCredit = rows[0]!.credit;
        expect(Number(sqlCredit)).toBeGreaterThanOrEqual(0);
        if (Number(sqlCredit) > 0) withCredit += 1;
        expect(await coreCredit(db(), owner.id)).toBe(sqlCredit);
      }),
      { numRuns: 40 },
    );
    expect(withCredit).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});
