import { useState } from 'react';
import type { BillItemRow } from '../../../../core/api/views.js';
import { billItemFields } from '../../../../core/domain/entities.js';
import { errorMessage } from '../../api/errors.js';
import { useMutate } from '../../api/use-mutate.js';
import { formatQuantity } from '../../ui/format.js';

/** '2', '2.0' and '2.000' are one quantity: the central database normalises to 3 decimals. */
function sameQuantity(a: string, b: string): boolean {
  return a.trim() !== '' && b.trim() !== '' && Number(a) === Number(b);
}

/**
 * Edits one line's quantity in place: Enter or leaving the field saves, Esc reverts.
 *
 * What staff typed lives in `draft` until it is committed, and nothing but their own keys
 * (or Esc) replaces it: the line may sync, renumber or move while they type (its row
 * re-renders, and React gives focus back after moving it), and none of that may drop the
 * edit. Enter followed by the blur it causes commits once.
 *
 * From focus until the first commit the field also holds still (`held`): a line's quantity
 * may change under it (edited elsewhere), and changing an input's value moves the caret to the
 * end, so a select-all-and-type that straddled the sync became '1.0002'. The saved quantity is
 * shown without needless zeros (`formatQuantity`: the server's '1.000' reads '1'). Holding
 * the shown value is not an edit: leaving the field without typing sends nothing, so a
 * quantity changed elsewhere meanwhile is not overwritten.
 */
export function QuantityInput({ item }: { item: BillItemRow }) {
  const mutate = useMutate();
  const saved = item.quantity;
  // Typed and not yet committed; null while the field shows the saved quantity.
  const [draft, setDraft] = useState<string | null>(null);
  // Committed and still being saved: shown until the refreshed line carries it.
  const [sending, setSending] = useState<string | null>(null);
  // What the field showed when it took focus; cleared by a commit or by leaving the field.
  const [held, setHeld] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const errorId = `qty-${item.id}-error`;
  const commit = () => {
    if (draft === null) return;
    const parsed = billItemFields.shape.quantity.safeParse(draft);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a valid quantity');
      return;
    }
    setError(null);
    setDraft(null);
    setHeld(null);
    if (sameQuantity(parsed.data, saved)) return;
    setSending(parsed.data);
    mutate.mutate(
      { name: 'bill.updateItem', args: { id: item.id, changes: { quantity: parsed.data } } },
      {
        onSettled: () => {
          setSending(null);
        },
        onError: (failure) => {
          // Keep what staff typed so that they can correct it or try again.
          setDraft(parsed.data);
          setError(errorMessage(failure));
        },
      },
    );
  };
  const shown = draft ?? held ?? formatQuantity(sending ?? saved);
  return (
    <span className="qty-cell">
      <input
        className="input qty-input num"
        inputMode="decimal"
        aria-label={`Quantity of ${item.description}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        value={shown}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
        onFocus={() => {
          setHeld(shown);
        }}
        onBlur={() => {
          commit();
          setHeld(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            commit();
          } else if (event.key === 'Escape' && (draft !== null || error !== null)) {
            // Only swallow Esc when there is something to revert: otherwise it belongs to the page.
            event.preventDefault();
            setDraft(null);
            setError(null);
            setHeld(null);
          }
        }}
      />
      {error ? (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
