import { z } from 'zod';
import { billItemFields, dueDateSchema } from '../domain/entities.js';
import { optionalText, uuidSchema } from '../domain/values.js';
import type { RowOp } from '../sync/row-ops.js';
import { baseSchema, defineMutation, editArgs, softDeleteArgs, softDeleteOp, updateOp } from './define.js';

const BILLING_ROLES = ['admin', 'vet', 'nurse', 'front_desk'] as const;

const newItem = billItemFields.extend({ id: uuidSchema });

/**
 * A draft bill with its items. A draft has no number: the central database gives one when the
 * bill is issued (`bill.issue`), never to a draft.
 */
export const billCreate = defineMutation({
  name: 'bill.create',
  args: z.object({
    id: uuidSchema,
    owner_id: uuidSchema.nullable(),
    patient_id: uuidSchema.nullable(),
    notes: optionalText(2000, 'multiline'),
    items: z.array(newItem).max(200),
  }),
  roles: BILLING_ROLES,
  ops: ({ items, ...bill }) => [
    { kind: 'insert', table: 'bills', row: { ...bill, status: 'draft' } },
    ...items.map((item): RowOp => ({ kind: 'insert', table: 'bill_items', row: { ...item, bill_id: bill.id } })),
  ],
});

export const billAddItem = defineMutation({
  name: 'bill.addItem',
  args: newItem.extend({ bill_id: uuidSchema }),
  roles: BILLING_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'bill_items', row: { ...args } }],
});

export const billUpdateItem = defineMutation({
  name: 'bill.updateItem',
  args: editArgs(billItemFields),
  roles: BILLING_ROLES,
  ops: (args) => [updateOp('bill_items', args.id, args.changes, args.base)],
});

export const billRemoveItem = defineMutation({
  name: 'bill.removeItem',
  args: softDeleteArgs,
  roles: BILLING_ROLES,
  ops: (args, context) => [softDeleteOp('bill_items', args.id, args.baseVersion, context.now)],
});

export const billLinkRecord = defineMutation({
  name: 'bill.linkRecord',
  args: z.object({ id: uuidSchema, bill_id: uuidSchema, medical_record_id: uuidSchema }),
  roles: BILLING_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'bill_medical_records', row: { ...args } }],
});

/** `id` is the link row's id. */
export const billUnlinkRecord = defineMutation({
  name: 'bill.unlinkRecord',
  args: z.object({ id: uuidSchema }),
  roles: BILLING_ROLES,
  ops: (args) => [{ kind: 'delete', table: 'bill_medical_records', id: args.id }],
});

const issueArgs = z.object({ id: uuidSchema, due_date: dueDateSchema.nullable(), base: baseSchema });

/**
 * Issuing a draft: it becomes an invoice, its items are fixed from now on, and the central
 * database gives it the next bill number in the same transaction (a workstation shows a
 * provisional reference until that arrives). Only drafts are issued, so the base defaults to an
 * unissued draft: a writer that sends no base does not cause a false conflict.
 */
function issueOps(args: z.output<typeof issueArgs>, context: { now: string }): RowOp[] {
  return [
    updateOp(
      'bills',
      args.id,
      { status: 'sent', issued_at: context.now, due_date: args.due_date },
      { status: 'draft', issued_at: null, due_date: null, ...args.base },
    ),
  ];
}

/** Issues a draft bill (see `issueOps`). The name staff see and every current workstation sends. */
export const billIssue = defineMutation({
  name: 'bill.issue',
  args: issueArgs,
  roles: BILLING_ROLES,
  ops: issueOps,
});

/**
 * The former name of `bill.issue`, with the same arguments and effect. Kept so that a
 * workstation still holding `bill.send` in its outbox (made before the rename) is applied, and
 * so that the ledger's recorded `bill.send` mutations still replay by name. Nothing sends it now.
 */
export const billSend = defineMutation({
  name: 'bill.send',
  args: issueArgs,
  roles: BILLING_ROLES,
  ops: issueOps,
});

/**
 * Discards a draft that never became an invoice: no number and no payment. The central
 * database deletes it with its lines and record links, and refuses (BILL_NOT_DELETABLE) a bill
 * that has a number or holds a payment: those are cancelled instead.
 */
export const billDiscard = defineMutation({
  name: 'bill.discard',
  args: z.object({ id: uuidSchema }),
  roles: BILLING_ROLES,
  ops: (args) => [{ kind: 'delete', table: 'bills', id: args.id }],
});

export const billCancel = defineMutation({
  name: 'bill.cancel',
  args: z.object({ id: uuidSchema, cancel_reason: optionalText(500, 'multiline'), base: baseSchema }),
  roles: ['admin', 'front_desk'],
  ops: (args, context) => [
    updateOp(
      'bills',
      args.id,
      { status: 'cancelled', cancelled_at: context.now, cancel_reason: args.cancel_reason },
      // A bill being cancelled was never cancelled before (cancelled bills are locked).
      { cancelled_at: null, cancel_reason: null, ...args.base },
    ),
  ],
});
