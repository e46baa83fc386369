import type { UseFormRegisterReturn } from 'react-hook-form';
import { PAYMENT_METHODS } from '../../../../core/domain/enums.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { humanize } from '../../ui/format.js';

/** An amount of money typed at the desk (focused first), with its error under it. */
export function AmountField({
  id,
  label,
  error,
  field,
}: {
  id: string;
  label: string;
  error: string | undefined;
  field: UseFormRegisterReturn;
}) {
  return (
    <FormField id={id} label={label} error={error}>
      <input className="input num" inputMode="decimal" autoFocus {...describedBy(id, error)} {...field} />
    </FormField>
  );
}

/** How money was taken or given back: every payment method, in their fixed order. */
export function PaymentMethodField({ id, label, field }: { id: string; label: string; field: UseFormRegisterReturn }) {
  return (
    <FormField id={id} label={label}>
      <select id={id} className="select" {...field}>
        {PAYMENT_METHODS.map((method) => (
          <option key={method} value={method}>
            {humanize(method)}
          </option>
        ))}
      </select>
    </FormField>
  );
}
