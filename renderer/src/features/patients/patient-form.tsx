import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { PatientRow } from '../../../../core/api/views.js';
import { patientFields, type PatientFields } from '../../../../core/domain/entities.js';
import { PATIENT_GENDERS, SPECIES } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

type PatientInput = z.input<typeof patientFields>;

interface PatientFormProps {
  ownerId: string | null;
  /** The patient being edited; a new patient when left out. */
  patient?: PatientRow;
  submitLabel: string;
  cancelLabel?: string;
  busy: boolean;
  /** Every field's value, and the ones staff changed (an edit sends only those). */
  onSave: (values: PatientFields, changes: Partial<PatientFields>) => void;
  onCancel: () => void;
}

/** An empty form field means "not known": the schema wants null there, not ''. */
const emptyToNull = (value: unknown) => (value === '' ? null : value);

/**
 * A patient's details (registering or editing), validated with the same schema the backend
 * applies. Its status is not here: it changes on its own (`PatientStatusDialog`), with the
 * date of death.
 */
export function PatientForm(props: PatientFormProps) {
  const { ownerId, patient, submitLabel, cancelLabel = 'Cancel', busy, onSave, onCancel } = props;
  const form = useForm<PatientInput, unknown, PatientFields>({
    resolver: zodResolver(patientFields),
    defaultValues: {
      owner_id: ownerId,
      name: patient?.name ?? '',
      species: patient?.species ?? 'dog',
      breed: patient?.breed ?? '',
      color: patient?.color ?? '',
      gender: patient?.gender ?? 'unknown',
      neutered: patient?.neutered ?? false,
      birth_date: patient?.birth_date ?? null,
      weight_kg: patient?.weight_kg ?? null,
      microchip: patient?.microchip ?? '',
      status: patient?.status ?? 'active',
      alerts: patient?.alerts ?? '',
      notes: patient?.notes ?? '',
    },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors, dirtyFields } = form.formState;
  const error = (name: keyof PatientInput) => errors[name]?.message;
  const aria = (name: keyof PatientInput) => describedBy(`patient-${name}`, error(name));
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          const changes: Partial<Record<keyof PatientFields, unknown>> = {};
          for (const key of Object.keys(dirtyFields) as (keyof PatientFields)[]) {
            if (dirtyFields[key]) changes[key] = values[key];
          }
          onSave(values, changes as Partial<PatientFields>);
        })(event);
      }}
    >
      <div className="form-grid">
        <FormField id="patient-name" label="Name" error={error('name')}>
          <input className="input" autoFocus {...aria('name')} {...form.register('name')} />
        </FormField>
        <FormField id="patient-species" label="Species" error={error('species')}>
          <select className="select" {...aria('species')} {...form.register('species')}>
            {SPECIES.map((species) => (
              <option key={species} value={species}>
                {humanize(species)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="patient-breed" label="Breed" error={error('breed')}>
          <input className="input" {...aria('breed')} {...form.register('breed')} />
        </FormField>
        <FormField id="patient-color" label="Colour" error={error('color')}>
          <input className="input" {...aria('color')} {...form.register('color')} />
        </FormField>
        <FormField id="patient-gender" label="Sex" error={error('gender')}>
          <select className="select" {...aria('gender')} {...form.register('gender')}>
            {PATIENT_GENDERS.map((gender) => (
              <option key={gender} value={gender}>
                {humanize(gender)}
              </option>
            ))}
          </select>
        </FormField>
        {/* The checkbox comes before its label, which FormField does not lay out. */}
        <div className="field field-check">
          <input type="checkbox" {...aria('neutered')} {...form.register('neutered')} />
          <label htmlFor="patient-neutered">Neutered</label>
        </div>
        <FormField id="patient-birth_date" label="Birth date" error={error('birth_date')}>
          <input
            className="input"
            type="date"
            {...aria('birth_date')}
            {...form.register('birth_date', { setValueAs: emptyToNull })}
          />
        </FormField>
        <FormField id="patient-weight_kg" label="Weight (kg)" error={error('weight_kg')}>
          <input
            className="input"
            inputMode="decimal"
            {...aria('weight_kg')}
            {...form.register('weight_kg', { setValueAs: emptyToNull })}
          />
        </FormField>
        <FormField id="patient-microchip" label="Microchip" error={error('microchip')}>
          <input className="input mono" {...aria('microchip')} {...form.register('microchip')} />
        </FormField>
        <FormField
          id="patient-alerts"
          label="Alerts (allergies, temperament)"
          error={error('alerts')}
          className="span-all"
        >
          <input className="input" {...aria('alerts')} {...form.register('alerts')} />
        </FormField>
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
