import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { billItemFields } from '../../../../core/domain/entities.js';
import { decimalString, uuidSchema } from '../../../../core/domain/values.js';
import { newId } from '../../../../core/ids.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useMutate } from '../../api/use-mutate.js';
import { formatMoney } from '../../ui/format.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { ErrorState } from '../../ui/states.js';
import { percentToRate, rateToPercent } from './tax-percent.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

/** The shared item schema, with the tax rate typed as a percentage. */
const itemForm = billItemFields.omit({ tax_rate: true, price_list_item_id: true }).extend({
  tax_percent: decimalString({ scale: 2, min: 0, max: 99.99, label: 'Tax rate' }),
  price_list_item_id: z.string().pipe(z.union([z.literal(''), uuidSchema])),
});
type ItemInput = z.input<typeof itemForm>;
type ItemOutput = z.output<typeof itemForm>;

const EMPTY: ItemInput = { description: '', quantity: '1', unit_price: '', tax_percent: '0', price_list_item_id: '' };

/** Adds a line: pick from the price list (prices prefilled) or type a free line. */
export function AddItemForm({ billId }: { billId: string }) {
  const priceList = useApiQuery('priceList.list', {});
  const mutate = useMutate();
  const [filter, setFilter] = useState('');
  const form = useForm<ItemInput, unknown, ItemOutput>({ resolver: zodResolver(itemForm), defaultValues: EMPTY });
  useDirtyForm(form.formState.isDirty);
  const { errors } = form.formState;
  const needle = filter.trim().toLowerCase();
  const choices = (priceList.data ?? []).filter(
    (item) => !needle || `${item.code ?? ''} ${item.name}`.toLowerCase().includes(needle),
  );
  const error = (name: keyof ItemInput) => errors[name]?.message;
  const aria = (name: keyof ItemInput) => describedBy(`item-${name}`, error(name));
  const picked = form.register('price_list_item_id');
  return (
    <form
      noValidate
      className="add-item stack-sm no-print"
      aria-labelledby="add-item-title"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          mutate.mutate(
            {
              name: 'bill.addItem',
              args: {
                id: newId(),
                bill_id: billId,
                description: values.description,
                quantity: values.quantity,
                unit_price: values.unit_price,
                tax_rate: percentToRate(values.tax_percent),
                price_list_item_id: values.price_list_item_id || null,
              },
              success: `${values.description} added`,
            },
            {
              onSuccess: () => {
                form.reset(EMPTY);
              },
            },
          );
        })(event);
      }}
    >
      <h3 id="add-item-title">Add an item</h3>
      {priceList.isError ? <ErrorState error={priceList.error} onRetry={() => void priceList.refetch()} /> : null}
      <div className="add-item-pick">
        <FormField id="item-filter" label="Search price list">
          <input
            id="item-filter"
            className="input"
            type="search"
            placeholder="Code or name…"
            value={filter}
            onChange={(event) => {
              setFilter(event.target.value);
            }}
          />
        </FormField>
        <FormField id="item-price_list_item_id" label="Price list item">
          <select
            className="select"
            id="item-price_list_item_id"
            disabled={priceList.isPending}
            {...picked}
            onChange={(event) => {
              void picked.onChange(event);
              const chosen = priceList.data?.find((item) => item.id === event.target.value);
              if (!chosen) return;
              const options = { shouldValidate: false, shouldDirty: true };
              form.setValue('description', chosen.name, options);
              form.setValue('unit_price', chosen.unit_price, options);
              form.setValue('tax_percent', rateToPercent(chosen.tax_rate), options);
              if (!form.getValues('quantity')) form.setValue('quantity', '1', options);
              form.clearErrors();
            }}
          >
            <option value="">
              {priceList.isPending ? 'Loading…' : `Free line, or choose (${choices.length} shown)`}
            </option>
            {choices.map((item) => (
              <option key={item.id} value={item.id}>
                {item.code ? `${item.code} · ` : ''}
                {item.name} — {formatMoney(item.unit_price)}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <div className="add-item-fields">
        <FormField
          id="item-description"
          label="Description"
          error={error('description')}
          className="add-item-description"
        >
          <input className="input" {...aria('description')} {...form.register('description')} />
        </FormField>
        <FormField id="item-quantity" label="Quantity" error={error('quantity')}>
          <input className="input num" inputMode="decimal" {...aria('quantity')} {...form.register('quantity')} />
        </FormField>
        <FormField id="item-unit_price" label="Unit price" error={error('unit_price')}>
          <input className="input num" inputMode="decimal" {...aria('unit_price')} {...form.register('unit_price')} />
        </FormField>
        <FormField id="item-tax_percent" label="Tax rate (%)" error={error('tax_percent')}>
          <input className="input num" inputMode="decimal" {...aria('tax_percent')} {...form.register('tax_percent')} />
        </FormField>
        <div className="field add-item-submit">
          <button type="submit" className="btn btn-primary" disabled={mutate.isPending}>
            Add item
          </button>
        </div>
      </div>
    </form>
  );
}
