import { z } from 'zod';
import { patientFields } from '../domain/entities.js';
import { uuidSchema } from '../domain/values.js';
import { ALL_ROLES, defineMutation, editArgs, softDeleteArgs, softDeleteOp, updateOp } from './define.js';

export const patientCreate = defineMutation({
  name: 'patient.create',
  args: patientFields.extend({ id: uuidSchema }),
  roles: ALL_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'patients', row: { ...args } }],
});

export const patientUpdate = defineMutation({
  name: 'patient.update',
  args: editArgs(patientFields),
  roles: ALL_ROLES,
  ops: (args) => [updateOp('patients', args.id, args.changes, args.base)],
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
