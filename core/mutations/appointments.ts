import { z } from 'zod';
import { appointmentFields, appointmentStatusSchema } from '../domain/entities.js';
import { optionalText, uuidSchema } from '../domain/values.js';
import { ALL_ROLES, baseSchema, defineMutation, editArgs, updateOp } from './define.js';

export const appointmentCreate = defineMutation({
  name: 'appointment.create',
  args: appointmentFields.extend({ id: uuidSchema }),
  roles: ALL_ROLES,
  ops: (args) => [{ kind: 'insert', table: 'appointments', row: { ...args, status: 'scheduled' } }],
});

/** Moves an appointment in time, changes its length or its vet. */
export const appointmentReschedule = defineMutation({
  name: 'appointment.reschedule',
  args: editArgs(appointmentFields.pick({ scheduled_at: true, duration_minutes: true, vet_id: true })),
  roles: ALL_ROLES,
  ops: (args) => [updateOp('appointments', args.id, args.changes, args.base)],
});

/**
 * Edits a booking's reason and notes (the popup on the calendar). Notes are clinical text: two
 * offline edits of them are both kept (core/sync/tables.ts); the reason follows the later edit.
 */
export const appointmentUpdate = defineMutation({
  name: 'appointment.update',
  args: editArgs(appointmentFields.pick({ reason: true, notes: true })),
  roles: ALL_ROLES,
  ops: (args) => [updateOp('appointments', args.id, args.changes, args.base)],
});

/** The moment each status is reached is kept beside it. */
const STATUS_TIMESTAMP: Partial<Record<z.infer<typeof appointmentStatusSchema>, string>> = {
  checked_in: 'checked_in_at',
  in_progress: 'started_at',
  completed: 'completed_at',
};

export const appointmentSetStatus = defineMutation({
  name: 'appointment.setStatus',
  args: z.object({
    id: uuidSchema,
    status: appointmentStatusSchema.exclude(['cancelled']),
    base: baseSchema,
  }),
  roles: ALL_ROLES,
  ops: (args, context) => {
    const stamp = STATUS_TIMESTAMP[args.status];
    const changes: Record<string, string> = { status: args.status };
    if (stamp) changes[stamp] = context.now;
    return [updateOp('appointments', args.id, changes, args.base)];
  },
});

export const appointmentCancel = defineMutation({
  name: 'appointment.cancel',
  args: z.object({ id: uuidSchema, cancel_reason: optionalText(500, 'multiline'), base: baseSchema }),
  roles: ALL_ROLES,
  ops: (args) => [
    updateOp(
      'appointments',
      args.id,
      { status: 'cancelled', cancel_reason: args.cancel_reason },
      // Without a base for the reason, an appointment not cancelled before had none.
      { cancel_reason: null, ...args.base },
    ),
  ],
});
