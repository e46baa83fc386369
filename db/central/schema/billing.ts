import { boolean, date, numeric, pgTable, pgView, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { deletedAtColumn, idColumn, money, rowMetaColumns, timestamptz } from './columns.js';
import { billStatus, paymentKind, paymentMethod, priceItemKind } from './enums.js';
import { medicalRecords } from './clinical.js';
import { owners, patients } from './owners-patients.js';
import { staff } from './practice.js';

const taxRate = (name: string) => numeric(name, { precision: 5, scale: 4 });

export const priceListItems = pgTable('price_list_items', {
  id: idColumn(),
  code: text('code'),
  name: text('name').notNull(),
  kind: priceItemKind('kind').notNull().default('service'),
  unitPrice: money('unit_price').notNull().default('0'),
  taxRate: taxRate('tax_rate').notNull().default('0'),
  active: boolean('active').notNull().default(true),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});

export const bills = pgTable('bills', {
  id: idColumn(),
  /**
   * Assigned by the database when the bill is issued (`BILL-000001`), never to a draft; no writer
   * may set or change it. Null for drafts and for drafts cancelled without being issued.
   */
  billNumber: text('bill_number').unique(),
  ownerId: uuid('owner_id').references(() => owners.id, { onDelete: 'set null' }),
  billedName: text('billed_name'),
  billedAddress: text('billed_address'),
  patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'restrict' }),
  status: billStatus('status').notNull().default('draft'),
  currency: text('currency').notNull().default('EUR'),
  issuedAt: timestamptz('issued_at'),
  dueDate: date('due_date', { mode: 'string' }),
  paidAt: timestamptz('paid_at'),
  cancelledAt: timestamptz('cancelled_at'),
  cancelReason: text('cancel_reason'),
  notes: text('notes'),
  ...rowMetaColumns(),
});

export const billItems = pgTable('bill_items', {
  id: idColumn(),
  billId: uuid('bill_id')
    .notNull()
    .references(() => bills.id, { onDelete: 'restrict' }),
  priceListItemId: uuid('price_list_item_id').references(() => priceListItems.id, { onDelete: 'restrict' }),
  description: text('description').notNull(),
  quantity: numeric('quantity', { precision: 10, scale: 3 }).notNull().default('1'),
  unitPrice: money('unit_price').notNull().default('0'),
  taxRate: taxRate('tax_rate').notNull().default('0'),
  ...rowMetaColumns(),
  deletedAt: deletedAtColumn(),
});

export const billMedicalRecords = pgTable(
  'bill_medical_records',
  {
    billId: uuid('bill_id')
      .notNull()
      .references(() => bills.id, { onDelete: 'restrict' }),
    medicalRecordId: uuid('medical_record_id')
      .notNull()
      .references(() => medicalRecords.id, { onDelete: 'restrict' }),
    id: uuid('id')
      .notNull()
      .unique()
      .default(sql`vetdesk.uuid_v7()`),
    ...rowMetaColumns(),
  },
  (table) => [primaryKey({ columns: [table.billId, table.medicalRecordId] })],
);

/**
 * Payments, credit uses and refunds (`kind`, core/domain/enums.ts); never edited or deleted,
 * only voided once (migration 0020). The guard copies `owner_id` from the bill for rows on a
 * bill; refunds name the owner themselves.
 */
export const payments = pgTable('payments', {
  id: idColumn(),
  billId: uuid('bill_id').references(() => bills.id, { onDelete: 'restrict' }),
  amount: money('amount').notNull(),
  method: paymentMethod('method'),
  paidAt: timestamptz('paid_at').notNull().defaultNow(),
  reference: text('reference'),
  receivedBy: uuid('received_by').references(() => staff.id, { onDelete: 'restrict' }),
  notes: text('notes'),
  ...rowMetaColumns(),
  kind: paymentKind('kind').notNull().default('payment'),
  ownerId: uuid('owner_id').references(() => owners.id, { onDelete: 'set null' }),
  /** Cash handed over, when more than `amount`: the difference was given back as change. */
  tendered: money('tendered'),
  voidedAt: timestamptz('voided_at'),
  voidedBy: uuid('voided_by').references(() => staff.id, { onDelete: 'restrict' }),
  voidReason: text('void_reason'),
});

/** Derived totals per bill (never stored), unbounded numeric rounded to cents: see migrations 0005 and 0012. */
export const billTotals = pgView('bill_totals', {
  billId: uuid('bill_id').notNull(),
  subtotal: numeric('subtotal').notNull(),
  taxTotal: numeric('tax_total').notNull(),
  total: numeric('total').notNull(),
  paid: numeric('paid').notNull(),
  balance: numeric('balance').notNull(),
}).existing();
