import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { BillSummary } from '../../../../core/api/views.js';
import { routeHref } from '../../routing/routes.js';
import { formatDate, formatMoney } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState } from '../../ui/states.js';
import { BillStatusBadge } from './bill-status-badge.js';

const ROW_HEIGHT = 40;

/**
 * Bills as a virtualised grid (a long-standing client can have hundreds). ARIA grid roles on
 * divs, because a virtualised <table> cannot position its rows.
 */
export function BillsTable({ bills }: { bills: BillSummary[] }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: bills.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  if (bills.length === 0) return <EmptyState title="No bills yet" />;
  return (
    <div role="table" aria-label="Bills" aria-rowcount={bills.length + 1} className="vtable">
      <div role="row" className="vtable-row vtable-head">
        <span role="columnheader">Number</span>
        <span role="columnheader">Issued</span>
        <span role="columnheader">Status</span>
        <span role="columnheader" className="num">
          Total
        </span>
        <span role="columnheader" className="num">
          Balance
        </span>
      </div>
      <div ref={scrollRef} className="vtable-scroll">
        <div className="vtable-body" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const bill = bills[item.index]!;
            return (
              <div
                role="row"
                key={bill.id}
                aria-rowindex={item.index + 2}
                className={`vtable-row vtable-item ${bill.pending ? 'pending' : ''}`}
                style={{ transform: `translateY(${item.start}px)`, height: item.size }}
              >
                <span role="cell" className="mono">
                  <a href={routeHref({ name: 'bill', id: bill.id })}>
                    {bill.bill_number ?? (bill.status === 'draft' ? 'Draft' : 'Provisional')}
                  </a>{' '}
                  <PendingMark pending={bill.pending} />
                </span>
                <span role="cell">{formatDate(bill.issued_at)}</span>
                <span role="cell">
                  <BillStatusBadge status={bill.status} />
                </span>
                <span role="cell" className="num">
                  {formatMoney(bill.totals.total, bill.currency)}
                </span>
                <span role="cell" className="num">
                  {bill.totals.balance.startsWith('-') ? (
                    // Money beyond the total is credit on the owner's account, never a negative balance.
                    <span className="balance-credit" title="Overpaid: credit on the owner's account">
                      {formatMoney(bill.totals.balance.slice(1), bill.currency)} credit
                    </span>
                  ) : (
                    formatMoney(bill.totals.balance, bill.currency)
                  )}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
