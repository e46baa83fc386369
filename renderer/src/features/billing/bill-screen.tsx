import { billTotals } from '../../../../core/domain/bill-totals.js';
import { CardSection } from '../../ui/card-section.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatDateTime } from '../../ui/format.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { AddItemForm } from './add-item-form.js';
import { BillActions } from './bill-actions.js';
import { BillHeader } from './bill-header.js';
import { BillItemsTable } from './bill-items-table.js';
import { BillPayments } from './bill-payments.js';
import { BillRecords } from './bill-records.js';
import { BillTotalsPanel } from './bill-totals-panel.js';
import { InvoicePayments } from './invoice-payments.js';
import { TaxBreakdown } from './tax-breakdown.js';

/**
 * One bill: header, lines, tax by rate, linked records, totals, payments and its actions.
 * Printing shows only the invoice (see billing.css), for paper or "Save as PDF", with the
 * clinic's details (clinic.current) and its payment terms.
 */
export function BillScreen({ id, practiceName }: { id: string; practiceName: string }) {
  const detail = useApiQuery('bill.detail', { id });
  const clinic = useApiQuery('clinic.current', {}).data ?? null;
  const patientId = detail.data?.bill.patient_id ?? null;
  const ownerId = detail.data?.bill.owner_id ?? null;
  const chart = useApiQuery('patient.chart', { id: patientId ?? '' }, { enabled: patientId !== null });
  const owner = useApiQuery(
    'owner.detail',
    { id: ownerId ?? '' },
    { enabled: ownerId !== null && (patientId === null || chart.data?.owner?.id !== ownerId) },
  );
  if (detail.isPending) return <Skeleton lines={8} block />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  if (!detail.data) {
    return (
      <EmptyState title="This bill is not on this workstation">
        It may not have synced yet. <a href="#/today">Back to today</a>
      </EmptyState>
    );
  }
  const { bill, items, payments, records } = detail.data;
  const totals = billTotals(items, payments);
  const draft = bill.status === 'draft';
  const chartOwner = chart.data?.owner ?? null;
  const ownerRow = chartOwner && chartOwner.id === ownerId ? chartOwner : (owner.data?.owner ?? null);
  return (
    <div className="stack bill-screen">
      <div className="row-between no-print">
        <p className="muted">
          Bill
          {bill.status === 'sent' && Number(totals.balance) <= 0 ? ' · paid in full, confirming with the server' : ''}
        </p>
        <BillActions
          detail={detail.data}
          totals={totals}
          defaultDueDays={clinic?.default_due_days ?? null}
          owner={
            ownerId === null
              ? null
              : { id: ownerId, name: ownerRow ? `${ownerRow.first_name} ${ownerRow.last_name}`.trim() : 'the owner' }
          }
        />
      </div>
      <article className="card invoice" aria-label="Invoice">
        <BillHeader
          bill={bill}
          owner={ownerRow}
          patient={chart.data?.patient ?? null}
          clinic={clinic}
          practiceName={practiceName}
        />
        <section aria-labelledby="bill-items-title" className="stack-sm">
          <h2 id="bill-items-title" className="card-title">
            Items
          </h2>
          <BillItemsTable items={items} currency={bill.currency} editable={draft} />
        </section>
        <div className="invoice-sums">
          <TaxBreakdown items={items} currency={bill.currency} />
          <BillTotalsPanel totals={totals} currency={bill.currency} />
        </div>
        <InvoicePayments payments={payments} currency={bill.currency} />
        {clinic?.payment_terms && !draft ? (
          <section className="invoice-terms" aria-label="Payment terms" data-testid="payment-terms">
            <h2 className="card-title">Payment terms</h2>
            <p>{clinic.payment_terms}</p>
          </section>
        ) : null}
        <p className="print-only invoice-footer">
          {draft ? 'Draft — not an invoice · ' : ''}Printed {formatDateTime(new Date().toISOString())}
        </p>
      </article>
      {draft ? (
        <section className="card no-print">
          <AddItemForm billId={bill.id} />
        </section>
      ) : null}
      <div className="bill-lower no-print">
        <CardSection id="bill-records-title" title="Medical records" count={records.length}>
          <BillRecords
            billId={bill.id}
            linked={records}
            available={patientId ? (chart.data?.records ?? []) : null}
            editable={draft}
          />
        </CardSection>
        <CardSection id="bill-payments-title" title="Payments" count={payments.length}>
          <BillPayments payments={payments} currency={bill.currency} />
        </CardSection>
      </div>
    </div>
  );
}
