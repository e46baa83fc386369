import { useState } from 'react';
import type { BillItemRow } from '../../../../core/api/views.js';
import { billItemFields } from '../../../../core/domain/entities.js';
import { useMutate } from '../../api/use-mutate.js';

/** Edits one line's quantity in place: Enter or leaving the field saves, Esc reverts. */
export function QuantityInput({ item }: { item: BillItemRow }) {
  const mutate = useMutate();
  const saved = item.quantity ?? '';
  // While staff type, their text wins; otherwise the field follows the saved value (a sync may
  // normalise '1' to '1.000' under it).
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const errorId = `qty-${item.id}-error`;
  const commit = () => {
    setEditing(false);
    if (text.trim() === saved) {
      setError(null);
      return;
    }
    const parsed = billItemFields.shape.quantity.safeParse(text);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a valid quantity');
      return;
    }
    setError(null);
    mutate.mutate(
      { name: 'bill.updateItem', args: { id: item.id, changes: { quantity: parsed.data } } },
      {
        onError: () => {
          setText(saved);
        },
      },
    );
  };
  return (
    <span className="qty-cell">
      <input
        className="input qty-input num"
        inputMode="decimal"
        aria-label={`Quantity of ${item.description ?? 'item'}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={editing || mutate.isPending ? text : saved}
        onFocus={() => {
          setText(saved);
          setEditing(true);
        }}
        onChange={(event) => {
          setEditing(true);
          setText(event.target.value);
        }}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            setText(saved);
            setEditing(false);
            setError(null);
          }
        }}
      />
      {error ? (
        <span id={errorId} className="field-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
