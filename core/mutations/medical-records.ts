import { z } from 'zod';
import { medicalRecordFields } from '../domain/entities.js';
import { uuidSchema } from '../domain/values.js';
import { baseSchema, defineMutation, editArgs, updateOp } from './define.js';

const CLINICAL_ROLES = ['vet', 'nurse'] as const;

export const medicalRecordCreate = defineMutation({
  name: 'medicalRecord.create',
  args: medicalRecordFields.extend({ id: uuidSchema, patient_id: uuidSchema }),
  roles: CLINICAL_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'medical_records', row: { ...args, status: 'draft' } }],
});

/** Edits a draft; the database refuses edits to a final record (RECORD_FINAL). */
export const medicalRecordUpdate = defineMutation({
  name: 'medicalRecord.update',
  args: editArgs(medicalRecordFields),
  roles: CLINICAL_ROLES,
  ops: (args) => [updateOp('medical_records', args.id, args.changes, args.base)],
});

/**
 * Makes a draft final: signed off by the vet (`finalized_by`), immutable from then on. Only
 * vets: the database also refuses a record that is not an addendum becoming final with anyone
 * but a vet as `finalized_by` (migration 0013).
 */
export const medicalRecordFinalize = defineMutation({
  name: 'medicalRecord.finalize',
  args: z.object({ id: uuidSchema, base: baseSchema }),
  roles: ['vet'],
  ops: (args, context) => [
    updateOp(
      'medical_records',
      args.id,
      { status: 'final', finalized_by: context.staffId, finalized_at: context.now },
      { status: 'draft', finalized_by: null, finalized_at: null, ...args.base },
    ),
  ],
});

/**
 * A correction or note added to a final record: a new record that refers to it, final at once
 * (it never changes afterwards; a further correction is another addendum). Its `finalized_by`
 * is its author, a vet or a nurse, and it names no vet (`vet_id` null): a nurse's addendum is
 * the nurse's note, never a vet's sign-off, and it leaves the record it amends as it was. The
 * vet who signed the visit stays on that record.
 */
export const medicalRecordAddAddendum = defineMutation({
  name: 'medicalRecord.addAddendum',
  args: z.object({
    id: uuidSchema,
    addendum_of: uuidSchema,
    patient_id: uuidSchema,
    title: medicalRecordFields.shape.title,
    subjective: medicalRecordFields.shape.subjective,
    objective: medicalRecordFields.shape.objective,
    assessment: medicalRecordFields.shape.assessment,
    plan: medicalRecordFields.shape.plan,
  }),
  roles: CLINICAL_ROLES,
  ops: (args, context) => [
    {
      kind: 'insert',
      table: 'medical_records',
      row: {
        ...args,
        record_type: 'note',
        status: 'final',
        visit_at: context.now,
        vet_id: null,
        finalized_by: context.staffId,
        finalized_at: context.now,
      },
    },
  ],
});
