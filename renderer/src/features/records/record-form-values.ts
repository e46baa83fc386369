import { zodResolver } from '@hookform/resolvers/zod';
import type { Resolver } from 'react-hook-form';
import type { MedicalRecordRow } from '../../../../core/api/views.js';
import { medicalRecordFields, type MedicalRecordFields } from '../../../../core/domain/entities.js';
import type { RecordType } from '../../../../core/domain/enums.js';
import { localInstant, toLocalDay, toLocalTime } from '../../ui/format.js';
import { formatKg } from './format-kg.js';

/** What the record form holds: plain strings, as inputs give them. */
export interface RecordFormValues {
  record_type: RecordType;
  /** `YYYY-MM-DDTHH:mm` on the clinic's clock (a datetime-local input). */
  visit_at: string;
  /** '' for no vet. */
  vet_id: string;
  title: string;
  subjective: string;
  objective: string;
  assessment: string;
  plan: string;
  /** '' for no weight. */
  weight_kg: string;
}

export const RECORD_FIELD_NAMES = [
  'record_type',
  'visit_at',
  'vet_id',
  'title',
  'subjective',
  'objective',
  'assessment',
  'plan',
  'weight_kg',
] as const satisfies readonly (keyof MedicalRecordFields)[];

/** An instant as a datetime-local value on the clinic's clock. */
export function toLocalInput(iso: string | null, fallback: Date = new Date()): string {
  const date = iso ? new Date(iso) : fallback;
  return `${toLocalDay(date)}T${toLocalTime(date)}`;
}

/** The form's values for a record, or for a new one (now, the given vet). */
export function toFormValues(record: MedicalRecordRow | null, defaultVetId: string | null): RecordFormValues {
  return {
    record_type: (record?.record_type as RecordType | null) ?? 'exam',
    visit_at: toLocalInput(record?.visit_at ?? null),
    vet_id: record ? (record.vet_id ?? '') : (defaultVetId ?? ''),
    title: record?.title ?? '',
    subjective: record?.subjective ?? '',
    objective: record?.objective ?? '',
    assessment: record?.assessment ?? '',
    plan: record?.plan ?? '',
    weight_kg: record?.weight_kg ? formatKg(record.weight_kg) : '',
  };
}

/** The form's strings in the shape the shared schema reads (an instant with its zone, nulls). */
function toSchemaInput(values: RecordFormValues): Record<string, unknown> {
  // The datetime-local value is on the clinic's clock, like every date the chart shows.
  const local = localInstant(values.visit_at.slice(0, 10), values.visit_at.slice(11, 16));
  const weight = values.weight_kg.trim().replace(',', '.');
  return {
    ...values,
    visit_at: local ?? values.visit_at,
    vet_id: values.vet_id === '' ? null : values.vet_id,
    weight_kg: weight === '' ? null : weight,
  };
}

const sharedResolver = zodResolver(medicalRecordFields);

/** Validates with `medicalRecordFields`, the schema the backend validates with too. */
export const recordResolver: Resolver<RecordFormValues, unknown, MedicalRecordFields> = (values, context, options) =>
  sharedResolver(toSchemaInput(values) as never, context, options as never);

function same(field: keyof MedicalRecordFields, before: string | null, after: string | null): boolean {
  if (before === null || after === null) return before === after;
  if (field === 'weight_kg') return Number(before) === Number(after);
  if (field === 'visit_at') return Date.parse(before) === Date.parse(after);
  return before === after;
}

/** Only the fields that differ from the record: an untouched field must not overwrite a concurrent edit. */
export function changedFields(record: MedicalRecordRow, values: MedicalRecordFields): Partial<MedicalRecordFields> {
  const changes: Partial<Record<keyof MedicalRecordFields, unknown>> = {};
  for (const field of RECORD_FIELD_NAMES) {
    if (!same(field, record[field], values[field])) changes[field] = values[field];
  }
  return changes as Partial<MedicalRecordFields>;
}
