import { z } from 'zod';
import { creditUseFields, paymentFields, refundFields, voidReasonSchema } from '../domain/entities.js';
import { uuidSchema } from '../domain/values.js';
import { baseSchema, defineMutation, updateOp } from './define.js';

/**
 * Payments, credit on account and refunds. Every one is a `payments` row (its `kind` says
 * which, core/domain/enums.ts) and is never edited or deleted: a mistake is voided, with a
 * reason, by a role that may void. How rows add up to a bill's balance and an owner's credit is
 * core/domain/owner-account.ts on the workstation and `vetdesk.owner_credit` in the central
 * database, which refuses (INSUFFICIENT_CREDIT) any row or void that would take credit below zero.
 */

/** Who takes money at the desk or in the consulting room. */
const TAKING_ROLES = ['admin', 'front_desk', 'vet'] as const;

/** Who may give money back or void a payment: the roles that cancel invoices. */
const CORRECTING_ROLES = ['admin', 'front_desk'] as const;

/**
 * Records money received on a bill. The central database marks the bill paid once payments
 * cover it; what goes beyond its balance is credit on the owner's account, unless it was
 * handed back as change (`tendered`, cash only).
 */
export const paymentRecord = defineMutation({
  name: 'payment.record',
  args: paymentFields.safeExtend({ id: uuidSchema }),
  roles: TAKING_ROLES,
  ops: (args, context) => [
    {
      kind: 'insert',
      table: 'payments',
      row: { ...args, kind: 'payment', received_by: context.staffId, paid_at: context.now },
    },
  ],
});

/** Pays (part of) a bill from the bill owner's credit on account. */
export const paymentUseCredit = defineMutation({
  name: 'payment.useCredit',
  args: creditUseFields.extend({ id: uuidSchema }),
  roles: TAKING_ROLES,
  ops: (args, context) => [
    {
      kind: 'insert',
      table: 'payments',
      row: { ...args, kind: 'credit', method: null, received_by: context.staffId, paid_at: context.now },
    },
  ],
});

/** Pays money back to an owner out of their credit on account; the reason is kept in `notes`. */
export const paymentRefund = defineMutation({
  name: 'payment.refund',
  args: refundFields.extend({ id: uuidSchema }),
  roles: CORRECTING_ROLES,
  ops: ({ reason, ...args }, context) => [
    {
      kind: 'insert',
      table: 'payments',
      row: {
        ...args,
        kind: 'refund',
        bill_id: null,
        notes: reason,
        received_by: context.staffId,
        paid_at: context.now,
      },
    },
  ],
});

/**
 * Voids a payment, credit use or refund: it stays on record, struck through, with who voided
 * it, when and why, and no longer counts. A paid bill whose payments no longer cover it is
 * open again. A payment is voided once; the base says it was not voided when the writer saw it.
 */
export const paymentVoid = defineMutation({
  name: 'payment.void',
  args: z.object({ id: uuidSchema, void_reason: voidReasonSchema, base: baseSchema.default({}) }),
  roles: CORRECTING_ROLES,
  ops: (args, context) => [
    updateOp(
      'payments',
      args.id,
      { voided_at: context.now, voided_by: context.staffId, void_reason: args.void_reason },
      { voided_at: null, voided_by: null, void_reason: null, ...args.base },
    ),
  ],
});
