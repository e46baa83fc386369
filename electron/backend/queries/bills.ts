import type {
  BillDetail,
  BillItemRow,
  BillRow,
  BillSummary,
  MedicalRecordRow,
  PaymentRow,
} from '../../../core/api/views.js';
import { billTotals } from '../../../core/domain/bill-totals.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import { decodeRow } from '../../../db/local/row-codec.js';
import { selectRows } from './rows.js';

function itemsOf(replica: LocalReplica, billId: string) {
  // A line added here has no created_at until the server's copy arrives. Those lines come
  // last, in the order they were added (ids are time-ordered UUIDv7): sorting their null
  // first made a line jump from the top to its place when it synced, under staff's cursor.
  return selectRows<BillItemRow>(
    replica,
    'bill_items',
    `select t.* from bill_items t where t.bill_id = ? and t.deleted_at is null
      order by t.created_at is null, t.created_at, t.id`,
    [billId],
  );
}

function paymentsOf(replica: LocalReplica, billId: string) {
  return selectRows<PaymentRow>(
    replica,
    'payments',
    `select t.* from payments t where t.bill_id = ? order by t.paid_at`,
    [billId],
  );
}

/** Bills matching a column, newest first, each with its totals. */
export function billSummaries(replica: LocalReplica, column: 'owner_id' | 'patient_id', id: string): BillSummary[] {
  const bills = selectRows<BillRow>(
    replica,
    'bills',
    `select t.* from bills t where t.${column} = ? order by t.created_at desc, t.id desc`,
    [id],
  );
  return bills.map((bill) => ({
    ...bill,
    totals: billTotals(
      itemsOf(replica, bill.id).map((item) => ({
        quantity: item.quantity ?? '0',
        unit_price: item.unit_price ?? '0',
        tax_rate: item.tax_rate ?? '0',
      })),
      paymentsOf(replica, bill.id).map((payment) => ({ amount: payment.amount ?? '0' })),
    ),
  }));
}

/** A bill with its items, payments, linked records and totals; null when unknown. */
export function billDetail(replica: LocalReplica, id: string): BillDetail | null {
  const [bill] = selectRows<BillRow>(replica, 'bills', `select t.* from bills t where t.id = ?`, [id]);
  if (!bill) return null;
  const items = itemsOf(replica, id);
  const payments = paymentsOf(replica, id);
  const records = (
    replica.db
      .prepare(
        `select r.*, l.id as link_id from bill_medical_records l join medical_records r on r.id = l.medical_record_id
          where l.bill_id = ? order by r.visit_at`,
      )
      .all(id) as Record<string, unknown>[]
  ).map((row) => ({ ...(decodeRow('medical_records', row) as MedicalRecordRow), link_id: String(row['link_id']) }));
  return {
    bill,
    items,
    payments,
    records,
    totals: billTotals(
      items.map((item) => ({
        quantity: item.quantity ?? '0',
        unit_price: item.unit_price ?? '0',
        tax_rate: item.tax_rate ?? '0',
      })),
      payments.map((payment) => ({ amount: payment.amount ?? '0' })),
    ),
  };
}
