import type { BillItemRow, BillRow, OwnerRow, PaymentRow } from '../../../core/api/views.js';
import { ownerAccount, type AccountBill, type OwnerAccount } from '../../../core/domain/owner-account.js';
import type { LocalDatabase } from '../open.js';
import { readRows } from './rows.js';

/**
 * An owner's account from the replica (core/domain/owner-account.ts): their bills with items,
 * and every `payments` row that is theirs — rows on their bills and refunds paid to them —
 * voided ones included. Pending local rows count as they are: the server is the guard and a
 * refused change leaves the replica with the rejection. Null for an unknown owner.
 */
export function ownerAccountOf(db: LocalDatabase, id: string): OwnerAccount | null {
  const [owner] = readRows<OwnerRow>(db, 'owners', 'select t.* from owners t where t.id = ?', [id]);
  if (!owner) return null;
  const bills = readRows<BillRow>(db, 'bills', 'select t.* from bills t where t.owner_id = ?', [id]);
  const items = readRows<BillItemRow>(
    db,
    'bill_items',
    `select i.* from bill_items i join bills b on b.id = i.bill_id
      where b.owner_id = ? and i.deleted_at is null`,
    [id],
  );
  const itemsByBill = new Map<string, BillItemRow[]>();
  for (const item of items) {
    const list = itemsByBill.get(item.bill_id) ?? [];
    list.push(item);
    itemsByBill.set(item.bill_id, list);
  }
  const accountBills = bills.map((bill): AccountBill => ({
    id: bill.id,
    bill_number: bill.bill_number,
    status: bill.status,
    issued_at: bill.issued_at,
    due_date: bill.due_date,
    // A bill created here has no created_at until the server's copy arrives; it only orders
    // bills, and issued ones order by issued_at.
    created_at: bill.created_at ?? '',
    items: itemsByBill.get(bill.id) ?? [],
  }));
  const payments = readRows<PaymentRow>(
    db,
    'payments',
    `select p.* from payments p
      where p.bill_id in (select b.id from bills b where b.owner_id = ?)
         or (p.bill_id is null and p.owner_id = ?)
      order by p.paid_at, p.id`,
    [id, id],
  );
  return ownerAccount(accountBills, payments);
}
