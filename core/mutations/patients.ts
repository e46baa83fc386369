import { z } from 'zod';
import { patientFields } from '../domain/entities.js';
import { PATIENT_STATUSES } from '../domain/enums.js';
import { pastOrTodayDate, uuidSchema } from '../domain/values.js';
import { ALL_ROLES, baseSchema, defineMutation, editArgs, softDeleteArgs, softDeleteOp, updateOp } from './define.js';

export const patientCreate = defineMutation({
  name: 'patient.create',
  args: patientFields.extend({ id: uuidSchema }),
  roles: ALL_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'patients', row: { ...args } }],
});

/**
 * Edits a patient's details. Its status is not one of them: a change of status goes through
 * `patient.setStatus`, which keeps the date of death with it.
 */
export const patientUpdate = defineMutation({
  name: 'patient.update',
  args: editArgs(patientFields.omit({ status: true })),
  roles: ALL_ROLES,
  ops: (args) => [updateOp('patients', args.id, args.changes, args.base)],
});

/**
 * Sets a patient's status. `deceased` needs the day it died (not in the future; the database
 * also refuses a day before its birth); any other status clears that day, so a death recorded
 * by mistake can be undone. A deceased patient is no longer offered for bookings and the
 * database refuses new appointments for it; its future bookings are flagged for staff.
 */
export const patientSetStatus = defineMutation({
  name: 'patient.setStatus',
  args: z
    .object({
      id: uuidSchema,
      status: z.enum(PATIENT_STATUSES),
      deceased_on: pastOrTodayDate.nullable(),
      base: baseSchema,
    })
    .refine((args) => args.status !== 'deceased' || args.deceased_on !== null, {
      message: 'Enter the day it died',
      path: ['deceased_on'],
    })
    .refine((args) => args.status === 'deceased' || args.deceased_on === null, {
      message: 'Only a deceased patient has a date of death',
      path: ['deceased_on'],
    }),
  roles: ALL_ROLES,
  ops: (args) => [updateOp('patients', args.id, { status: args.status, deceased_on: args.deceased_on }, args.base)],
});

export const patientDelete = defineMutation({
  name: 'patient.delete',
  args: softDeleteArgs,
  roles: ALL_ROLES,
  ops: (args, context) => [softDeleteOp('patients', args.id, args.baseVersion, context.now)],
});

/**
 * Admin erasure of a patient registered by mistake. The database refuses it (RESTRICT) once the
 * patient has medical records, appointments or bills: clinical and financial history stays.
 */
export const patientErase = defineMutation({
  name: 'patient.erase',
  args: z.object({ id: uuidSchema }),
  roles: ['admin'],
  ops: (args) => [{ kind: 'delete', table: 'patients', id: args.id }],
});
