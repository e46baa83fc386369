import type {
  BillDetail,
  BillItemRow,
  BillRow,
  BillSummary,
  MedicalRecordRow,
  PaymentRow,
  WithSync,
} from '../../../core/api/views.js';
import { billTotals } from '../../../core/domain/bill-totals.js';
import type { LocalDatabase } from '../open.js';
import { pendingColumn, readRows, readSyncedRows } from './rows.js';

function itemsOf(db: LocalDatabase, billId: string): WithSync<BillItemRow>[] {
  // A line added here has no created_at until the server's copy arrives. Those lines come
  // last, in the order they were added (ids are time-ordered UUIDv7): sorting their null
  // first made a line jump from the top to its place when it synced, under staff's cursor.
  return readSyncedRows<BillItemRow>(
    db,
    'bill_items',
    `select t.*, ${pendingColumn('bill_items')} from bill_items t where t.bill_id = ? and t.deleted_at is null
      order by t.created_at is null, t.created_at, t.id`,
    [billId],
  );
}

function paymentsOf(db: LocalDatabase, billId: string): WithSync<PaymentRow>[] {
  return readSyncedRows<PaymentRow>(
    db,
    'payments',
    `select t.*, ${pendingColumn('payments')} from payments t where t.bill_id = ? order by t.paid_at`,
    [billId],
  );
}

/** Bills matching a column, newest first, each with its totals. */
export function billSummaries(db: LocalDatabase, column: 'owner_id' | 'patient_id', id: string): BillSummary[] {
  const bills = readSyncedRows<BillRow>(
    db,
    'bills',
    `select t.*, ${pendingColumn('bills')} from bills t where t.${column} = ? order by t.created_at desc, t.id desc`,
    [id],
  );
  return bills.map((bill) => ({ ...bill, totals: billTotals(itemsOf(db, bill.id), paymentsOf(db, bill.id)) }));
}

/** A bill with its items, payments, linked records and totals; null when unknown. */
export function billDetail(db: LocalDatabase, id: string): BillDetail | null {
  const [bill] = readSyncedRows<BillRow>(
    db,
    'bills',
    `select t.*, ${pendingColumn('bills')} from bills t where t.id = ?`,
    [id],
  );
  if (!bill) return null;
  const items = itemsOf(db, id);
  const payments = paymentsOf(db, id);
  const records = readRows<MedicalRecordRow & { link_id: string }>(
    db,
    'medical_records',
    `select r.*, l.id as link_id from bill_medical_records l join medical_records r on r.id = l.medical_record_id
      where l.bill_id = ? order by r.visit_at`,
    [id],
    ['link_id'],
  );
  return { bill, items, payments, records, totals: billTotals(items, payments) };
}
