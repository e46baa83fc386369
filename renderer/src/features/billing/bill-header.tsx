import type { BillRow, OwnerRow, PatientRow, WithSync } from '../../../../core/api/views.js';
import { routeHref } from '../../routing/routes.js';
import { formatDate } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { HistoryLink } from '../admin/history-link.js';
import { BillStatusBadge } from '../bills/bill-status-badge.js';

interface BillHeaderProps {
  bill: WithSync<BillRow>;
  owner: OwnerRow | null;
  patient: PatientRow | null;
  practiceName: string;
}

/**
 * The invoice head: practice (printed only), number or provisional reference, status, who is
 * billed and for which animal. The number comes from the central database once synced.
 */
export function BillHeader({ bill, owner, patient, practiceName }: BillHeaderProps) {
  const ownerName = bill.billed_name ?? (owner ? `${owner.first_name} ${owner.last_name}`.trim() : null);
  return (
    <header className="bill-header">
      <p className="print-only invoice-practice">{practiceName}</p>
      <div className="row-between">
        <div>
          <p className="muted">Invoice</p>
          <h1 className="bill-number" data-testid="bill-number">
            {bill.bill_number ?? (
              <span className="bill-provisional">
                Provisional · not yet numbered <span className="muted mono bill-ref">ref. {bill.id.slice(-8)}</span>
              </span>
            )}
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
        <dt>Issued</dt>
        <dd>{bill.issued_at ? formatDate(bill.issued_at) : 'Not yet sent'}</dd>
        {bill.due_date ? (
          <>
            <dt>Due</dt>
            <dd>{formatDate(bill.due_date)}</dd>
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
