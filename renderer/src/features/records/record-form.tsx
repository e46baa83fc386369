import { useEffect, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import type { MedicalRecordRow, StaffRow } from '../../../../core/api/views.js';
import type { MedicalRecordFields } from '../../../../core/domain/entities.js';
import { RECORD_TYPES } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { FormFooter } from './form-footer.js';
import { submitOnCtrlEnter } from './submit-on-ctrl-enter.js';
import { recordResolver, toFormValues, type RecordFormValues } from './record-form-values.js';
import { SoapFields } from './soap-fields.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

interface RecordFormProps {
  record: MedicalRecordRow | null;
  defaultVetId: string | null;
  vets: StaffRow[];
  busy: boolean;
  submitLabel: string;
  onDirtyChange: (dirty: boolean) => void;
  onSave: (values: MedicalRecordFields) => void;
  onCancel: () => void;
}

/** A draft's fields: type, time, vet, weight, title and the SOAP notes, checked by the shared schema. */
export function RecordForm(props: RecordFormProps) {
  const { record, defaultVetId, vets, busy, submitLabel, onDirtyChange, onSave, onCancel } = props;
  const form = useForm<RecordFormValues, unknown, MedicalRecordFields>({
    resolver: recordResolver,
    defaultValues: toFormValues(record, defaultVetId),
  });
  useDirtyForm(form.formState.isDirty);
  const { errors, isDirty } = form.formState;
  useEffect(() => {
    onDirtyChange(isDirty);
  }, [isDirty, onDirtyChange]);
  const unknownVet = record?.vet_id && !vets.some((vet) => vet.id === record.vet_id) ? record.vet_id : null;
  const field = (name: keyof RecordFormValues, label: ReactNode, control: ReactNode, className = '') => (
    <FormField id={`record-${name}`} label={label} error={errors[name]?.message} className={className}>
      {control}
    </FormField>
  );
  const aria = (name: keyof RecordFormValues) => describedBy(`record-${name}`, errors[name]?.message);
  return (
    <form
      noValidate
      className="side-panel-form"
      onKeyDown={submitOnCtrlEnter}
      onSubmit={(event) => {
        void form.handleSubmit(onSave)(event);
      }}
    >
      <div className="side-panel-body">
        <div className="record-meta-grid">
          {field(
            'record_type',
            'Type',
            <select className="select" {...aria('record_type')} {...form.register('record_type')}>
              {RECORD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {humanize(type)}
                </option>
              ))}
            </select>,
          )}
          {field(
            'visit_at',
            'Visit time',
            <input className="input" type="datetime-local" {...aria('visit_at')} {...form.register('visit_at')} />,
          )}
          {field(
            'vet_id',
            'Vet',
            <select className="select" {...aria('vet_id')} {...form.register('vet_id')}>
              <option value="">No vet</option>
              {vets.map((vet) => (
                <option key={vet.id} value={vet.id}>
                  {vet.display_name}
                </option>
              ))}
              {unknownVet ? <option value={unknownVet}>A former vet</option> : null}
            </select>,
          )}
          {field(
            'weight_kg',
            'Weight (kg)',
            <input
              className="input"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              placeholder="e.g. 4.35"
              {...aria('weight_kg')}
              {...form.register('weight_kg')}
            />,
          )}
        </div>
        {field(
          'title',
          'Title',
          <input
            className="input"
            type="text"
            autoComplete="off"
            autoFocus
            placeholder="e.g. Annual check-up"
            {...aria('title')}
            {...form.register('title')}
          />,
        )}
        <SoapFields
          idPrefix="record"
          register={(name) => form.register(name)}
          errors={{
            subjective: errors.subjective?.message,
            objective: errors.objective?.message,
            assessment: errors.assessment?.message,
            plan: errors.plan?.message,
          }}
        />
      </div>
      <FormFooter busy={busy} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
