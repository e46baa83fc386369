import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { ownerFields, type OwnerFields } from '../../../../core/domain/entities.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type OwnerInput = z.input<typeof ownerFields>;

/** What the form starts from: an owner's values (edit) or what staff already typed (new). */
export type OwnerFormValues = Partial<Record<keyof OwnerInput, string | null>>;

interface OwnerFormProps {
  initial: OwnerFormValues;
  submitLabel: string;
  cancelLabel: string;
  busy: boolean;
  /** Every field's value, and the ones staff changed from `initial`. */
  onSave: (values: OwnerFields, changes: Partial<OwnerFields>) => void;
  onCancel: () => void;
}

const FIELDS: { name: keyof OwnerInput; label: string; type?: string; wide?: boolean; multiline?: boolean }[] = [
  { name: 'first_name', label: 'First name' },
  { name: 'last_name', label: 'Last name' },
  { name: 'email', label: 'E-mail', type: 'email' },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'address', label: 'Address', wide: true },
  { name: 'city', label: 'City' },
  { name: 'postcode', label: 'Postcode' },
  { name: 'notes', label: 'Notes', wide: true, multiline: true },
];

/**
 * An owner's details, validated with the same zod schema the backend uses. An edit sends only
 * the fields staff changed (`changes`): an untouched field must not overwrite someone else's
 * concurrent edit; a registration sends them all (`values`).
 */
export function OwnerForm({ initial, submitLabel, cancelLabel, busy, onSave, onCancel }: OwnerFormProps) {
  const form = useForm<OwnerInput, unknown, OwnerFields>({
    resolver: zodResolver(ownerFields),
    defaultValues: Object.fromEntries(FIELDS.map((field) => [field.name, initial[field.name] ?? ''])),
  });
  useDirtyForm(form.formState.isDirty);
  const { errors, dirtyFields } = form.formState;
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          const changes: Partial<Record<keyof OwnerFields, unknown>> = {};
          for (const field of FIELDS) if (dirtyFields[field.name]) changes[field.name] = values[field.name];
          onSave(values, changes as Partial<OwnerFields>);
        })(event);
      }}
    >
      <div className="form-grid">
        {FIELDS.map((field, index) => {
          const error = errors[field.name]?.message;
          const id = `owner-${field.name}`;
          const common = { ...describedBy(id, error), ...form.register(field.name) };
          return (
            <FormField
              key={field.name}
              id={id}
              label={field.label}
              error={error}
              className={field.wide ? 'span-all' : ''}
            >
              {field.multiline ? (
                <textarea className="textarea" {...common} />
              ) : (
                <input className="input" type={field.type ?? 'text'} autoFocus={index === 0} {...common} />
              )}
            </FormField>
          );
        })}
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
