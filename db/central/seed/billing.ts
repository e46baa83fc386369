import type { PaymentMethod } from '../../../core/domain/enums.js';
import { CANCEL_REASONS, CLINIC } from './catalog.js';
import type { SeedContext } from './context.js';
import { plusDays, plusMinutes, PROFILE } from './context.js';
import type { BillRow, OwnerRow } from './rows.js';
import { clinicDay, clinicTime, formatDay, isoAt } from './time.js';
import type { Visit } from './visits.js';

/** Cents as numeric(12,2) text: 6499 -> '64.99'. */
export function money(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/**
 * A line's total in cents as the `bill_totals` view computes it: the line rounded to cents,
 * then its tax rounded to cents, half away from zero like PostgreSQL's round(numeric).
 */
export function lineTotalCents(quantity: number, unitCents: number, rateTenThousandths: number): number {
  const line = quantity * unitCents;
  return line + Math.floor((line * rateTenThousandths + 5000) / 10000);
}

/** The billed address exactly as the database's bill trigger would snapshot it. */
export function billedAddress(owner: OwnerRow): string | null {
  const place = [owner.postcode, owner.city].filter((part) => part !== null).join(' ');
  const parts = [owner.address, place === '' ? null : place].filter((part) => part !== null);
  return parts.length === 0 ? null : parts.join(', ');
}

const BILL_NOTES: readonly string[] = [
  'Insurance claim form completed.',
  'Estimate given before treatment.',
  'Owner to pay balance on collection.',
];

/**
 * Bills the visits since go-live that have charges (most of them): items from the price
 * list, links to the visit's records, and payments that leave paid bills at a zero balance.
 * Today's and some of the last two days' bills are drafts; of the rest most are paid at the
 * desk, some are invoiced (and paid by transfer, left open, or overdue), a few are cancelled.
 */
export function makeBills(ctx: SeedContext, visits: readonly Visit[]): void {
  const { rng } = ctx;
  for (const visit of visits) {
    if (!visit.inPerson || visit.charges.length === 0 || visit.day < ctx.liveDay) continue;
    const today = visit.day >= ctx.anchorDay;
    if (!today && !rng.chance(PROFILE.billedShare)) continue;

    // Billed at discharge: after the appointment and after the last record (a surgery ends late).
    const lastRecordMs = Math.max(...visit.records.map((r) => Date.parse(r.created_at)));
    const createdMs = Math.min(
      Math.max(plusMinutes(visit.startMs, visit.minutes + 2), lastRecordMs + 60_000),
      ctx.nowMs - 60_000,
    );
    const owner = visit.patient.owner;
    const bill: BillRow = {
      id: ctx.id(createdMs),
      owner_id: owner.id,
      billed_name: `${owner.first_name} ${owner.last_name}`,
      billed_address: billedAddress(owner),
      patient_id: visit.patient.row.id,
      status: 'draft',
      currency: CLINIC.currency,
      issued_at: null,
      due_date: null,
      paid_at: null,
      cancelled_at: null,
      cancel_reason: null,
      notes: rng.chance(0.03) ? rng.pick(BILL_NOTES) : null,
      created_at: isoAt(createdMs),
    };
    ctx.practice.bills.push(bill);

    let totalCents = 0;
    for (const charge of visit.charges) {
      const { row, item } = ctx.price(charge.code);
      totalCents += lineTotalCents(charge.quantity, item.cents, item.rate);
      ctx.practice.bill_items.push({
        id: ctx.id(createdMs),
        bill_id: bill.id,
        price_list_item_id: row.id,
        description: row.name,
        quantity: `${charge.quantity}.000`,
        unit_price: row.unit_price,
        tax_rate: row.tax_rate,
        created_at: bill.created_at,
      });
    }
    for (const record of visit.records) {
      ctx.practice.bill_medical_records.push({
        id: ctx.id(createdMs),
        bill_id: bill.id,
        medical_record_id: record.id,
        created_at: bill.created_at,
      });
    }
    if (!today && !(visit.day >= ctx.anchorDay - 2 && rng.chance(0.35))) settle(ctx, bill, createdMs, totalCents);
  }
}

/** Moves a bill past draft: issued, and then paid, left open, overdue or cancelled. */
function settle(ctx: SeedContext, bill: BillRow, createdMs: number, totalCents: number): void {
  const { rng } = ctx;
  const latest = ctx.nowMs - 60_000;
  const at = (ms: number) => Math.min(ms, latest);

  if (rng.chance(0.02)) {
    const issuedMs = rng.chance(0.5) ? at(plusMinutes(createdMs, 1)) : null;
    if (issuedMs !== null) issue(bill, issuedMs, clinicDay(issuedMs) + 30);
    bill.status = 'cancelled';
    bill.cancelled_at = isoAt(at(plusMinutes(issuedMs ?? createdMs, rng.int(10, 3 * 24 * 60))));
    bill.cancel_reason = rng.pick(CANCEL_REASONS);
    return;
  }
  if (rng.chance(0.72)) {
    // Paid at the desk on the way out; due on receipt.
    const issuedMs = at(plusMinutes(createdMs, 1));
    issue(bill, issuedMs, clinicDay(issuedMs));
    const paidMs = at(plusMinutes(issuedMs, rng.int(1, 5)));
    const method = rng.weighted<PaymentMethod>([
      ['card', 72],
      ['cash', 24],
      ['other', 4],
    ]);
    pay(ctx, bill, totalCents, paidMs, rng.chance(0.12) ? [issuedMs, method] : null, method);
    return;
  }
  const issuedDay = Math.min(clinicDay(createdMs) + rng.int(0, 2), ctx.anchorDay);
  const issuedMs = at(Math.max(plusMinutes(createdMs, 5), clinicTime(issuedDay, rng.int(9 * 60, 17 * 60))));
  const dueDay = clinicDay(issuedMs) + 30;
  issue(bill, issuedMs, dueDay);
  const lastPayDay = Math.min(dueDay + 10, ctx.anchorDay - 1);
  const paysInFull = dueDay < ctx.anchorDay ? rng.chance(0.88) : rng.chance(0.55);
  if (paysInFull && lastPayDay >= clinicDay(issuedMs)) {
    const paidMs = at(
      Math.max(
        plusMinutes(issuedMs, 60),
        clinicTime(rng.int(clinicDay(issuedMs), lastPayDay), rng.int(9 * 60, 18 * 60)),
      ),
    );
    const method = rng.weighted<PaymentMethod>([
      ['bank_transfer', 70],
      ['card', 15],
      ['insurance', 15],
    ]);
    pay(ctx, bill, totalCents, paidMs, rng.chance(0.15) ? [plusMinutes(issuedMs, 1), 'card'] : null, method);
    return;
  }
  bill.status = dueDay < ctx.anchorDay ? 'overdue' : 'sent';
  if (totalCents >= 2 && rng.chance(bill.status === 'overdue' ? 0.3 : 0.25)) {
    const partial = Math.max(1, Math.min(totalCents - 1, Math.floor(totalCents * rng.float(0.2, 0.6))));
    const paidMs = at(plusDays(issuedMs, rng.int(0, Math.max(0, Math.min(20, ctx.anchorDay - clinicDay(issuedMs))))));
    addPayment(ctx, bill, partial, Math.max(paidMs, issuedMs), rng.pick(['card', 'bank_transfer'] as const));
  }
}

function issue(bill: BillRow, issuedMs: number, dueDay: number): void {
  bill.issued_at = isoAt(issuedMs);
  bill.due_date = formatDay(dueDay);
}

/**
 * Pays `bill` in full at `paidMs` with `method`; with `split`, part of it was paid earlier
 * at `split[0]` with `split[1]` (a deposit, or two cards).
 */
function pay(
  ctx: SeedContext,
  bill: BillRow,
  totalCents: number,
  paidMs: number,
  split: readonly [number, PaymentMethod] | null,
  method: PaymentMethod,
): void {
  let remaining = totalCents;
  if (split && totalCents >= 2) {
    const first = Math.max(1, Math.min(totalCents - 1, Math.round(totalCents * ctx.rng.float(0.3, 0.7))));
    addPayment(ctx, bill, first, Math.min(split[0], paidMs), split[1]);
    remaining -= first;
  }
  addPayment(ctx, bill, remaining, paidMs, method);
  bill.status = 'paid';
  bill.paid_at = isoAt(paidMs);
}

function addPayment(ctx: SeedContext, bill: BillRow, cents: number, paidMs: number, method: PaymentMethod): void {
  const { rng } = ctx;
  const reference =
    method === 'bank_transfer'
      ? `TRF ${rng.chars('0123456789', 8)}`
      : method === 'insurance'
        ? `CLAIM-${rng.int(100000, 999999)}`
        : method === 'card'
          ? `Card ending ${rng.chars('0123456789', 4)}`
          : null;
  ctx.practice.payments.push({
    id: ctx.id(paidMs),
    bill_id: bill.id,
    amount: money(cents),
    method,
    paid_at: isoAt(paidMs),
    reference,
    received_by: rng.pick(ctx.frontDesk).id,
    notes: null,
    created_at: isoAt(paidMs),
  });
}
