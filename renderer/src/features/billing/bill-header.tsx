import type { BillRow, ClinicRow, OwnerRow, PatientRow, WithSync } from '../../../../core/api/views.js';
import { routeHref } from '../../routing/routes.js';
import { formatDate } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { HistoryLink } from '../admin/history-link.js';
import { billReference } from '../bills/bill-name.js';
import { BillStatusBadge } from '../bills/bill-status-badge.js';
import { InvoiceIssuer } from './invoice-issuer.js';

interface BillHeaderProps {
  bill: WithSync<BillRow>;
  owner: OwnerRow | null;
  patient: PatientRow | null;
  clinic: ClinicRow | null;
  practiceName: string;
}

/** The number, or what stands in for it: drafts have none, an issue not yet synced has none yet. */
function BillNumber({ bill }: { bill: WithSync<BillRow> }) {
  if (bill.bill_number) return <>{bill.bill_number}</>;
  const reference = <span className="muted mono bill-ref">{billReference(bill.id)}</span>;
  if (bill.status === 'draft') {
    return <span className="bill-provisional">Draft · no number until issued {reference}</span>;
  }
  return <span className="bill-provisional">Provisional · numbered when synced {reference}</span>;
}

/**
 * The invoice head: who issues it (printed only), its number or provisional reference, status,
 * who is billed and for which animal, the invoice and due dates. A draft says plainly, on screen
 * and on paper, that it is not an invoice. The number comes from the central database when the
 * bill is issued, so a bill issued offline shows a provisional reference until it syncs.
 */
export function BillHeader({ bill, owner, patient, clinic, practiceName }: BillHeaderProps) {
  const ownerName = bill.billed_name ?? (owner ? `${owner.first_name} ${owner.last_name}`.trim() : null);
  const draft = bill.status === 'draft';
  return (
    <header className="bill-header">
      <InvoiceIssuer clinic={clinic} fallbackName={practiceName} />
      {draft ? (
        <p className="invoice-draft-mark" role="note" data-testid="draft-mark">
          Draft — not an invoice
        </p>
      ) : null}
      <div className="row-between">
        <div>
          <p className="muted">{draft ? 'Draft bill' : 'Invoice'}</p>
          <h1 className="bill-number" data-testid="bill-number">
            <BillNumber bill={bill} />
          </h1>
        </div>
        <div className="row">
          <BillStatusBadge status={bill.status} />
          <PendingMark pending={bill.pending} />
          <HistoryLink table="bills" id={bill.id} />
        </div>
      </div>
      <dl className="details bill-meta">
        <dt>Billed to</dt>
        <dd>
          {owner ? <a href={routeHref({ name: 'owner', id: owner.id })}>{ownerName}</a> : (ownerName ?? '—')}
          {bill.billed_address ? <span className="muted"> · {bill.billed_address}</span> : null}
        </dd>
        <dt>Patient</dt>
        <dd>{patient ? <a href={routeHref({ name: 'patient', id: patient.id })}>{patient.name}</a> : '—'}</dd>
        <dt>Invoice date</dt>
        <dd data-testid="invoice-date">{bill.issued_at ? formatDate(bill.issued_at) : 'Not yet issued'}</dd>
        {bill.due_date ? (
          <>
            <dt>Due date</dt>
            <dd data-testid="due-date">{formatDate(bill.due_date)}</dd>
          </>
        ) : null}
        {bill.status === 'cancelled' ? (
          <>
            <dt>Cancelled</dt>
            <dd>
              {formatDate(bill.cancelled_at)}
              {bill.cancel_reason ? ` · ${bill.cancel_reason}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </header>
  );
}
