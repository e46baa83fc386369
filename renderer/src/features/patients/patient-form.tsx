import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { patientFields, type PatientFields } from '../../../../core/domain/entities.js';
import { PATIENT_GENDERS, SPECIES } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';
import { describedBy, FormField } from '../../ui/form-field.js';

type PatientInput = z.input<typeof patientFields>;

interface PatientFormProps {
  ownerId: string | null;
  busy: boolean;
  onSave: (values: PatientFields) => void;
  onCancel: () => void;
}

/** An empty form field means "not known": the schema wants null there, not ''. */
const emptyToNull = (value: unknown) => (value === '' ? null : value);

/** Registers a new patient, validated with the same schema the backend applies. */
export function PatientForm({ ownerId, busy, onSave, onCancel }: PatientFormProps) {
  const form = useForm<PatientInput, unknown, PatientFields>({
    resolver: zodResolver(patientFields),
    defaultValues: {
      owner_id: ownerId,
      name: '',
      species: 'dog',
      breed: '',
      color: '',
      gender: 'unknown',
      neutered: false,
      birth_date: null,
      weight_kg: null,
      microchip: '',
      status: 'active',
      alerts: '',
      notes: '',
    },
  });
  const { errors } = form.formState;
  const error = (name: keyof PatientInput) => errors[name]?.message;
  const aria = (name: keyof PatientInput) => describedBy(`patient-${name}`, error(name));
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        void form.handleSubmit(onSave)(event);
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
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Register patient
        </button>
      </div>
    </form>
  );
}
