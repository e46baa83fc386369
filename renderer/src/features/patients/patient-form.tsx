import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { patientFields, type PatientFields } from '../../../../core/domain/entities.js';
import { PATIENT_GENDERS, SPECIES } from '../../../../core/domain/enums.js';
import { humanize } from '../../ui/format.js';

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
  const describe = (name: keyof PatientInput) => {
    const error = errors[name]?.message;
    return {
      id: `patient-${name}`,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': error ? `patient-${name}-error` : undefined,
    };
  };
  const errorText = (name: keyof PatientInput) => {
    const error = errors[name]?.message;
    return error ? (
      <span id={`patient-${name}-error`} className="field-error">
        {error}
      </span>
    ) : null;
  };
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        void form.handleSubmit(onSave)(event);
      }}
    >
      <div className="form-grid">
        <div className="field">
          <label htmlFor="patient-name">Name</label>
          <input className="input" autoFocus {...describe('name')} {...form.register('name')} />
          {errorText('name')}
        </div>
        <div className="field">
          <label htmlFor="patient-species">Species</label>
          <select className="select" {...describe('species')} {...form.register('species')}>
            {SPECIES.map((species) => (
              <option key={species} value={species}>
                {humanize(species)}
              </option>
            ))}
          </select>
          {errorText('species')}
        </div>
        <div className="field">
          <label htmlFor="patient-breed">Breed</label>
          <input className="input" {...describe('breed')} {...form.register('breed')} />
          {errorText('breed')}
        </div>
        <div className="field">
          <label htmlFor="patient-color">Colour</label>
          <input className="input" {...describe('color')} {...form.register('color')} />
          {errorText('color')}
        </div>
        <div className="field">
          <label htmlFor="patient-gender">Sex</label>
          <select className="select" {...describe('gender')} {...form.register('gender')}>
            {PATIENT_GENDERS.map((gender) => (
              <option key={gender} value={gender}>
                {humanize(gender)}
              </option>
            ))}
          </select>
          {errorText('gender')}
        </div>
        <div className="field field-check">
          <input type="checkbox" {...describe('neutered')} {...form.register('neutered')} />
          <label htmlFor="patient-neutered">Neutered</label>
        </div>
        <div className="field">
          <label htmlFor="patient-birth_date">Birth date</label>
          <input
            className="input"
            type="date"
            {...describe('birth_date')}
            {...form.register('birth_date', { setValueAs: emptyToNull })}
          />
          {errorText('birth_date')}
        </div>
        <div className="field">
          <label htmlFor="patient-weight_kg">Weight (kg)</label>
          <input
            className="input"
            inputMode="decimal"
            {...describe('weight_kg')}
            {...form.register('weight_kg', { setValueAs: emptyToNull })}
          />
          {errorText('weight_kg')}
        </div>
        <div className="field">
          <label htmlFor="patient-microchip">Microchip</label>
          <input className="input mono" {...describe('microchip')} {...form.register('microchip')} />
          {errorText('microchip')}
        </div>
        <div className="field span-all">
          <label htmlFor="patient-alerts">Alerts (allergies, temperament)</label>
          <input className="input" {...describe('alerts')} {...form.register('alerts')} />
          {errorText('alerts')}
        </div>
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
