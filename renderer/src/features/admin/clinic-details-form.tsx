import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { ClinicRow } from '../../../../core/api/views.js';
import { clinicFields, MAX_DUE_DAYS, type ClinicFields } from '../../../../core/domain/clinic.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type ClinicInput = z.input<typeof clinicFields>;
type TextField = Exclude<keyof ClinicInput, 'default_due_days'>;

const TEXT_FIELDS: { name: TextField; label: string; type?: string; wide?: boolean; multiline?: boolean }[] = [
  { name: 'name', label: 'Clinic name', wide: true },
  { name: 'address', label: 'Address (as printed on invoices)', wide: true, multiline: true },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'email', label: 'E-mail', type: 'email' },
  { name: 'tax_registration_number', label: 'Tax registration (VAT) number' },
];

interface ClinicDetailsFormProps {
  clinic: ClinicRow;
  busy: boolean;
  onSave: (changes: Partial<ClinicFields>) => void;
}

/**
 * The clinic's details with the schema the backend and server validate with; sends only the
 * fields the admin changed, so an untouched field never overwrites another admin's edit.
 */
export function ClinicDetailsForm({ clinic, busy, onSave }: ClinicDetailsFormProps) {
  const form = useForm<ClinicInput, unknown, ClinicFields>({
    resolver: zodResolver(clinicFields),
    defaultValues: {
      ...Object.fromEntries(TEXT_FIELDS.map((field) => [field.name, clinic[field.name] ?? ''])),
      payment_terms: clinic.payment_terms ?? '',
      default_due_days: clinic.default_due_days,
    },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors, dirtyFields, isDirty } = form.formState;
  const field = (name: keyof ClinicInput) => {
    const error = errors[name]?.message;
    return { id: `clinic-${name}`, error, attributes: describedBy(`clinic-${name}`, error) };
  };
  const dueDays = field('default_due_days');
  const terms = field('payment_terms');
  return (
    <form
      noValidate
      className="stack"
      aria-label="Clinic details"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          const changes: Partial<Record<keyof ClinicFields, unknown>> = {};
          for (const name of Object.keys(values) as (keyof ClinicFields)[]) {
            if (dirtyFields[name]) changes[name] = values[name];
          }
          onSave(changes as Partial<ClinicFields>);
        })(event);
      }}
    >
      <div className="form-grid">
        {TEXT_FIELDS.map((text) => {
          const { id, error, attributes } = field(text.name);
          const common = { ...attributes, ...form.register(text.name) };
          return (
            <FormField key={text.name} id={id} label={text.label} error={error} className={text.wide ? 'span-all' : ''}>
              {text.multiline ? (
                <textarea className="textarea" rows={3} {...common} />
              ) : (
                <input className="input" type={text.type ?? 'text'} {...common} />
              )}
            </FormField>
          );
        })}
        <FormField id={dueDays.id} label="Days until an invoice is due" error={dueDays.error}>
          <input
            className="input"
            type="number"
            min={0}
            max={MAX_DUE_DAYS}
            step={1}
            {...dueDays.attributes}
            {...form.register('default_due_days', { valueAsNumber: true })}
          />
        </FormField>
        <FormField
          id={terms.id}
          label="Payment terms (printed on every invoice)"
          error={terms.error}
          className="span-all"
        >
          <textarea className="textarea" rows={3} {...terms.attributes} {...form.register('payment_terms')} />
        </FormField>
      </div>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy || !isDirty}>
          Save clinic details
        </button>
        <button
          type="button"
          className="btn"
          disabled={!isDirty}
          onClick={() => {
            form.reset();
          }}
        >
          Discard changes
        </button>
      </div>
    </form>
  );
}
