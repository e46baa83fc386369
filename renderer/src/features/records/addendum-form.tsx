import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { type z } from 'zod';
import { medicalRecordFields } from '../../../../core/domain/entities.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { FormFooter } from './form-footer.js';
import { submitOnCtrlEnter } from './submit-on-ctrl-enter.js';
import { SoapFields } from './soap-fields.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

const addendumFields = medicalRecordFields.pick({
  title: true,
  subjective: true,
  objective: true,
  assessment: true,
  plan: true,
});
export type AddendumFields = z.output<typeof addendumFields>;
type AddendumInput = z.input<typeof addendumFields>;

interface AddendumFormProps {
  busy: boolean;
  onDirtyChange: (dirty: boolean) => void;
  onSave: (values: AddendumFields) => void;
  onCancel: () => void;
}

/** A correction: a title and SOAP notes; the type, time and author come from the backend. */
export function AddendumForm({ busy, onDirtyChange, onSave, onCancel }: AddendumFormProps) {
  const form = useForm<AddendumInput, unknown, AddendumFields>({
    resolver: zodResolver(addendumFields),
    defaultValues: { title: '', subjective: '', objective: '', assessment: '', plan: '' },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors, isDirty } = form.formState;
  useEffect(() => {
    onDirtyChange(isDirty);
  }, [isDirty, onDirtyChange]);
  return (
    <form
      noValidate
      className="side-panel-form"
      onKeyDown={submitOnCtrlEnter}
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          if (!values.subjective && !values.objective && !values.assessment && !values.plan) {
            form.setError('root', { message: 'Write the correction in at least one of the notes' });
            return;
          }
          onSave(values);
        })(event);
      }}
    >
      <div className="side-panel-body">
        <FormField id="addendum-title" label="Title" error={errors.title?.message}>
          <input
            className="input"
            type="text"
            autoComplete="off"
            placeholder="Optional, e.g. Corrected dose"
            {...describedBy('addendum-title', errors.title?.message)}
            {...form.register('title')}
          />
        </FormField>
        <SoapFields
          idPrefix="addendum"
          register={(name) => form.register(name)}
          errors={{
            subjective: errors.subjective?.message,
            objective: errors.objective?.message,
            assessment: errors.assessment?.message,
            plan: errors.plan?.message,
          }}
        />
        {errors.root?.message ? (
          <p className="field-error" role="alert">
            {errors.root.message}
          </p>
        ) : null}
      </div>
      <FormFooter busy={busy} submitLabel="Add addendum" onCancel={onCancel} />
    </form>
  );
}
