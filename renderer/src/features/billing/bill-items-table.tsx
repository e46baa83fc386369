import { useState } from 'react';
import type { BillItemRow, WithSync } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { formatMoney, formatQuantity } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState } from '../../ui/states.js';
import { lineAmount } from './line-amount.js';
import { QuantityInput } from './quantity-input.js';
import { rateToPercent } from './tax-percent.js';

interface BillItemsTableProps {
  items: WithSync<BillItemRow>[];
  currency: string | null;
  /** Drafts only: quantities edit in place and lines can be removed. */
  editable: boolean;
}

/** The bill's lines. */
export function BillItemsTable({ items, currency, editable }: BillItemsTableProps) {
  const mutate = useMutate();
  const [removing, setRemoving] = useState<BillItemRow | null>(null);
  if (items.length === 0) {
    return <EmptyState title="No items yet">{editable ? 'Add services and products below.' : null}</EmptyState>;
  }
  return (
    <>
      <table className="table bill-items">
        <thead>
          <tr>
            <th>Description</th>
            <th className="num">Quantity</th>
            <th className="num">Unit price</th>
            <th className="num">Tax</th>
            <th className="num">Amount</th>
            {editable ? (
              <th className="no-print">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.pending ? 'pending' : ''} data-testid="bill-item">
              <td>
                {item.description} <PendingMark pending={item.pending} />
              </td>
              <td className="num">
                {editable ? (
                  <>
                    <span className="no-print">
                      <QuantityInput item={item} />
                    </span>
                    <span className="print-only">{formatQuantity(item.quantity)}</span>
                  </>
                ) : (
                  formatQuantity(item.quantity)
                )}
              </td>
              <td className="num">{formatMoney(item.unit_price, currency)}</td>
              <td className="num">{rateToPercent(item.tax_rate)} %</td>
              <td className="num">{formatMoney(lineAmount(item), currency)}</td>
              {editable ? (
                <td className="no-print num">
                  <button
                    type="button"
                    className="btn btn-sm btn-ghost"
                    aria-label={`Remove ${item.description}`}
                    onClick={() => {
                      setRemoving(item);
                    }}
                  >
                    Remove
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.description ?? 'this item'}?`}
        confirmLabel="Remove item"
        danger
        busy={mutate.isPending}
        onCancel={() => {
          setRemoving(null);
        }}
        onConfirm={() => {
          if (!removing) return;
          mutate.mutate(
            { name: 'bill.removeItem', args: { id: removing.id }, success: 'Item removed' },
            {
              onSuccess: () => {
                setRemoving(null);
              },
            },
          );
        }}
      >
        <p>The line disappears from this draft bill.</p>
      </ConfirmDialog>
    </>
  );
}
