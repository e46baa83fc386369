import { describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  countRows,
  envelope,
  itemArgs,
  ownerArgs,
  push,
  pushOne,
  setupPractice,
  type SyncPractice,
} from '../../helpers/sync-fixtures.js';

/**
 * Payments, credit on account, refunds and voids through the write path (issue 10, item 3):
 * the mutations of core/mutations/payments.ts against the rules of central migration 0020.
 */

async function createOwner(db: CentralDb, practice: SyncPractice): Promise<string> {
  const owner = ownerArgs();
  expect((await pushOne(db, practice.deviceId, envelope('owner.create', owner, practice.frontDesk))).status).toBe(
    'applied',
  );
  return owner.id;
}

/** An issued bill of `amount` (one untaxed line) for `ownerId`, returning its id. */
async function issuedBill(
  db: CentralDb,
  practice: SyncPractice,
  ownerId: string,
  amount: string,
  dueDate: string | null = null,
): Promise<string> {
  const id = newId();
  const items = [itemArgs({ unit_price: amount })];
  const created = await pushOne(
    db,
    practice.deviceId,
    envelope('bill.create', { id, owner_id: ownerId, patient_id: null, notes: null, items }, practice.frontDesk),
  );
  expect(created.status).toBe('applied');
  const issued = await pushOne(
    db,
    practice.deviceId,
    envelope('bill.issue', { id, due_date: dueDate, base: {} }, practice.frontDesk),
  );
  expect(issued.status).toBe('applied');
  return id;
}

const pay = (
  practice: SyncPractice,
  billId: string,
  amount: string,
  extra: { method?: string; tendered?: string | null; by?: string } = {},
) =>
  envelope(
    'payment.record',
    {
      id: newId(),
      bill_id: billId,
      amount,
      method: extra.method ?? 'card',
      tendered: extra.tendered ?? null,
      reference: null,
      notes: null,
    },
    extra.by ?? practice.frontDesk,
  );

const useCredit = (practice: SyncPractice, billId: string, amount: string) =>
  envelope('payment.useCredit', { id: newId(), bill_id: billId, amount }, practice.frontDesk);

const refund = (practice: SyncPractice, ownerId: string, amount: string, reason = 'Overpaid', by?: string) =>
  envelope(
    'payment.refund',
    { id: newId(), owner_id: ownerId, amount, method: 'cash', reference: null, reason },
    by ?? practice.frontDesk,
  );

const voidPayment = (id: string, by: string, reason = 'Taken on the wrong bill') =>
  envelope('payment.void', { id, void_reason: reason }, by);

async function credit(db: CentralDb, ownerId: string): Promise<string> {
  const { rows } = await db.query<{ credit: string }>(
    `select vetdesk.owner_credit($1)::numeric(14, 2)::text as credit`,
    [ownerId],
  );
  return rows[0]!.credit;
}

async function billState(db: CentralDb, id: string) {
  const { rows } = await db.query<{ status: string; paid_at: Date | null; balance: string }>(
    `select b.status::text, b.paid_at, t.balance::numeric(14, 2)::text as balance
       from bills b join bill_totals t on t.bill_id = b.id where b.id = $1`,
    [id],
  );
  return rows[0]!;
}

describe.each(CENTRAL_BACKENDS)('payments and credit on account on %s', (kind) => {
  const db = useCentralDb(kind);

  it('turns an overpayment into credit, and cash tendered beyond the amount into change, not credit', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '180.72');
    const overpaid = pay(practice, billId, '200.00');
    expect((await pushOne(db(), practice.deviceId, overpaid)).status).toBe('applied');
    expect(await billState(db(), billId)).toMatchObject({ status: 'paid', balance: '-19.28' });
    expect(await credit(db(), ownerId)).toBe('19.28');
    const { rows } = await db().query(`select kind::text, owner_id from payments where id = $1`, [
      (overpaid.args as { id: string }).id,
    ]);
    expect(rows).toEqual([{ kind: 'payment', owner_id: ownerId }]);

    const cashOwner = await createOwner(db(), practice);
    const cashBill = await issuedBill(db(), practice, cashOwner, '180.72');
    const cash = pay(practice, cashBill, '180.72', { method: 'cash', tendered: '200.00' });
    expect((await pushOne(db(), practice.deviceId, cash)).status).toBe('applied');
    expect(await billState(db(), cashBill)).toMatchObject({ status: 'paid', balance: '0.00' });
    expect(await credit(db(), cashOwner)).toBe('0.00');
    expect(await countRows(db(), 'payments', `bill_id = $1 and tendered = 200`, [cashBill])).toBe(1);
  });

  it('refuses cash tendered on a card payment, or less than the amount, and writes nothing', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '180.72');
    const card = await pushOne(db(), practice.deviceId, pay(practice, billId, '180.72', { tendered: '200.00' }));
    expect(card).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    const short = await pushOne(
      db(),
      practice.deviceId,
      pay(practice, billId, '180.72', { method: 'cash', tendered: '100.00' }),
    );
    expect(short).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    expect(await countRows(db(), 'payments', 'bill_id = $1', [billId])).toBe(0);
  });

  it('pays another bill from credit; more credit than there is is refused and the queue goes on', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const first = await issuedBill(db(), practice, ownerId, '180.72');
    await pushOne(db(), practice.deviceId, pay(practice, first, '200.00'));
    const second = await issuedBill(db(), practice, ownerId, '40.00');

    expect((await pushOne(db(), practice.deviceId, useCredit(practice, second, '10.00'))).status).toBe('applied');
    expect(await billState(db(), second)).toMatchObject({ status: 'sent', balance: '30.00' });
    expect(await credit(db(), ownerId)).toBe('9.28');

    const paymentsBefore = await countRows(db(), 'payments');
    const [tooMuch, after] = await push(
      db(),
      practice.deviceId,
      useCredit(practice, second, '9.29'),
      pay(practice, second, '5.00'),
    );
    expect(tooMuch).toMatchObject({ status: 'rejected', error: { code: 'INSUFFICIENT_CREDIT' } });
    expect(after?.status).toBe('applied');
    expect(await countRows(db(), 'payments')).toBe(paymentsBefore + 1);
    expect(await credit(db(), ownerId)).toBe('9.28');
    expect(await billState(db(), second)).toMatchObject({ status: 'sent', balance: '25.00' });

    expect((await pushOne(db(), practice.deviceId, useCredit(practice, second, '9.28'))).status).toBe('applied');
    expect(await credit(db(), ownerId)).toBe('0.00');
  });

  it('refunds up to the credit, refuses beyond it, and refuses a refund without a reason', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '180.72');
    await pushOne(db(), practice.deviceId, pay(practice, billId, '200.00'));

    const beyond = await pushOne(db(), practice.deviceId, refund(practice, ownerId, '19.29'));
    expect(beyond).toMatchObject({ status: 'rejected', error: { code: 'INSUFFICIENT_CREDIT' } });
    const blank = await pushOne(db(), practice.deviceId, refund(practice, ownerId, '5.00', '   '));
    expect(blank).toMatchObject({ status: 'rejected', error: { code: 'VALIDATION_FAILED' } });
    expect(await countRows(db(), 'payments', `kind = 'refund'`)).toBe(0);

    const exact = refund(practice, ownerId, '19.28', 'Paid 200 on a 180.72 bill');
    expect((await pushOne(db(), practice.deviceId, exact)).status).toBe('applied');
    expect(await credit(db(), ownerId)).toBe('0.00');
    const { rows } = await db().query(
      `select bill_id, owner_id, method::text, notes, received_by from payments where id = $1`,
      [(exact.args as { id: string }).id],
    );
    expect(rows).toEqual([
      {
        bill_id: null,
        owner_id: ownerId,
        method: 'cash',
        notes: 'Paid 200 on a 180.72 bill',
        received_by: practice.frontDesk,
      },
    ]);
  });

  it('voids a payment with who, when and why, keeps the row, reopens the bill and audits it', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '40.00');
    const payment = pay(practice, billId, '40.00');
    await pushOne(db(), practice.deviceId, payment);
    expect((await billState(db(), billId)).status).toBe('paid');
    const paymentId = (payment.args as { id: string }).id;

    const voided = voidPayment(paymentId, practice.frontDesk);
    expect(await pushOne(db(), practice.deviceId, voided)).toMatchObject({ status: 'applied' });
    const { rows } = await db().query(
      `select amount::text, voided_at, voided_by, void_reason from payments where id = $1`,
      [paymentId],
    );
    expect(rows).toEqual([
      {
        amount: '40.00',
        voided_at: new Date(voided.createdAt),
        voided_by: practice.frontDesk,
        void_reason: 'Taken on the wrong bill',
      },
    ]);
    expect(await billState(db(), billId)).toEqual({ status: 'sent', paid_at: null, balance: '40.00' });

    const { rows: audit } = await db().query<{ changed_by: string; new_values: Record<string, unknown> }>(
      `select changed_by, new_values from audit.entity_changes
        where table_name = 'payments' and entity_id = $1 and action = 'update'`,
      [paymentId],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.changed_by).toBe(practice.frontDesk);
    expect(audit[0]!.new_values).toMatchObject({
      voided_by: practice.frontDesk,
      void_reason: 'Taken on the wrong bill',
    });

    // The bill takes payment again once reopened.
    expect((await pushOne(db(), practice.deviceId, pay(practice, billId, '40.00'))).status).toBe('applied');
    expect((await billState(db(), billId)).status).toBe('paid');
  });

  it('reopens a paid bill past its due date as overdue', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '40.00', '2020-01-31');
    const payment = pay(practice, billId, '40.00');
    await pushOne(db(), practice.deviceId, payment);
    await pushOne(db(), practice.deviceId, voidPayment((payment.args as { id: string }).id, practice.admin));
    expect(await billState(db(), billId)).toMatchObject({ status: 'overdue', paid_at: null });
  });

  it('voids a payment once: a second void is refused and changes nothing', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '40.00');
    const payment = pay(practice, billId, '10.00');
    await pushOne(db(), practice.deviceId, payment);
    const paymentId = (payment.args as { id: string }).id;
    await pushOne(db(), practice.deviceId, voidPayment(paymentId, practice.frontDesk, 'First'));

    const again = await pushOne(db(), practice.deviceId, voidPayment(paymentId, practice.admin, 'Second'));
    expect(again).toMatchObject({ status: 'rejected', error: { code: 'PAYMENT_IMMUTABLE' } });
    const { rows } = await db().query(`select voided_by, void_reason from payments where id = $1`, [paymentId]);
    expect(rows).toEqual([{ voided_by: practice.frontDesk, void_reason: 'First' }]);
  });

  it('refuses to void a payment whose excess credit was already used', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const first = await issuedBill(db(), practice, ownerId, '180.72');
    const overpaid = pay(practice, first, '200.00');
    await pushOne(db(), practice.deviceId, overpaid);
    const second = await issuedBill(db(), practice, ownerId, '19.28');
    await pushOne(db(), practice.deviceId, useCredit(practice, second, '19.28'));
    expect((await billState(db(), second)).status).toBe('paid');

    const overpaidId = (overpaid.args as { id: string }).id;
    const result = await pushOne(db(), practice.deviceId, voidPayment(overpaidId, practice.admin));
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'INSUFFICIENT_CREDIT' } });
    expect(await countRows(db(), 'payments', 'id = $1 and voided_at is null', [overpaidId])).toBe(1);
    expect((await billState(db(), first)).status).toBe('paid');
  });

  it('lets neither a nurse void or refund nor a vet void', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '40.00');
    const payment = pay(practice, billId, '50.00', { by: practice.vet });
    expect((await pushOne(db(), practice.deviceId, payment)).status).toBe('applied');
    const paymentId = (payment.args as { id: string }).id;

    const forbidden = { status: 'rejected', error: { code: 'FORBIDDEN' } };
    expect(await pushOne(db(), practice.deviceId, voidPayment(paymentId, practice.nurse))).toMatchObject(forbidden);
    expect(await pushOne(db(), practice.deviceId, voidPayment(paymentId, practice.vet))).toMatchObject(forbidden);
    expect(
      await pushOne(db(), practice.deviceId, refund(practice, ownerId, '5.00', 'Overpaid', practice.nurse)),
    ).toMatchObject(forbidden);
    expect(await countRows(db(), 'payments', 'voided_at is not null')).toBe(0);
    expect(await countRows(db(), 'payments', `kind = 'refund'`)).toBe(0);
  });

  it('erases an owner with payments and refunds: the rows stay, without the owner', async () => {
    const practice = await setupPractice(db());
    const ownerId = await createOwner(db(), practice);
    const billId = await issuedBill(db(), practice, ownerId, '180.72');
    await pushOne(db(), practice.deviceId, pay(practice, billId, '200.00'));
    await pushOne(db(), practice.deviceId, refund(practice, ownerId, '19.28'));

    const erased = await pushOne(db(), practice.deviceId, envelope('owner.erase', { id: ownerId }, practice.admin));
    expect(erased.status).toBe('applied');
    expect(await countRows(db(), 'owners', 'id = $1', [ownerId])).toBe(0);
    expect(
      await countRows(db(), 'payments', 'owner_id is null and (bill_id = $1 or kind = $2)', [billId, 'refund']),
    ).toBe(2);
  });
});
