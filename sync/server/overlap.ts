import { liveAppointmentSql } from '../../core/domain/appointments.js';
import type { ApplyContext } from './apply-context.js';
import { lastWriter, pendingConflict, recordConflict } from './conflict-store.js';

/** Appointment fields whose change can make it overlap another. */
export const OVERLAP_FIELDS = ['scheduled_at', 'duration_minutes', 'vet_id'] as const;

/**
 * SQL condition on appointments `a` and `o`: both still booked (not deleted, cancelled or
 * no-show) and their times overlap. Shared by flagging and settling, so they never disagree.
 */
const BOTH_LIVE_AND_OVERLAPPING = `${liveAppointmentSql('a')}
        and ${liveAppointmentSql('o')}
        and o.scheduled_at < a.scheduled_at + make_interval(mins => a.duration_minutes)
        and a.scheduled_at < o.scheduled_at + make_interval(mins => o.duration_minutes)`;

interface Overlapping {
  id: string;
  scheduled_at: Date;
  duration_minutes: number;
  flagged: boolean;
}

/**
 * Flags every live appointment of the same vet whose time overlaps this one's (cancelled and
 * no-show appointments, deleted ones and appointments without a vet never count). Both stay
 * booked; each pair gets one open `overlap` conflict (row: this appointment; winner and loser
 * values: each appointment's id and time). Serialised per vet with an advisory lock, so two
 * transactions booking the same slot concurrently cannot both miss each other.
 */
export async function flagOverlaps(ctx: ApplyContext, appointmentId: string): Promise<void> {
  const { rows: self } = await ctx.tx.query<{ vet_id: string | null; scheduled_at: Date; duration_minutes: number }>(
    `select vet_id, scheduled_at, duration_minutes from appointments where id = $1`,
    [appointmentId],
  );
  const appointment = self[0];
  const vetId = appointment?.vet_id;
  if (!appointment || !vetId) return;
  await ctx.tx.query(`select pg_advisory_xact_lock(hashtextextended('vetdesk.appointments.vet:' || $1, 0))`, [vetId]);
  // A statement after the lock: under READ COMMITTED it sees what the lock holder committed.
  const { rows } = await ctx.tx.query<Overlapping>(
    `select o.id, o.scheduled_at, o.duration_minutes,
            exists (select 1 from sync.conflicts c
                     where c.kind = 'overlap' and c.status = 'open' and c.table_name = 'appointments'
                       and ((c.row_id = a.id and c.loser_value ->> 'id' = o.id::text)
                         or (c.row_id = o.id and c.loser_value ->> 'id' = a.id::text))) as flagged
       from appointments a
       join appointments o on o.vet_id = a.vet_id and o.id <> a.id
      where a.id = $1
        and ${BOTH_LIVE_AND_OVERLAPPING}
      order by o.scheduled_at, o.id`,
    [appointmentId],
  );
  for (const other of rows) {
    if (other.flagged) continue;
    await recordConflict(
      ctx,
      pendingConflict(ctx, {
        kind: 'overlap',
        table: 'appointments',
        rowId: appointmentId,
        field: 'scheduled_at',
        base: null,
        winner: { value: slot(appointmentId, appointment), mutationId: ctx.mutationId, staffId: ctx.staffId },
        loser: {
          value: slot(other.id, other),
          ...(await lastWriter(ctx.tx, 'appointments', other.id, 'scheduled_at')),
        },
      }),
    );
  }
}

function slot(id: string, appointment: { scheduled_at: Date; duration_minutes: number }): Record<string, unknown> {
  return { id, scheduled_at: appointment.scheduled_at.toISOString(), duration_minutes: appointment.duration_minutes };
}

/**
 * Closes the open overlap flags of this appointment whose pair no longer overlaps: one of the
 * two moved away, changed vet, was shortened, cancelled, marked no-show or deleted. They are
 * resolved as `dismissed` by the staff member whose change settled them, so the inbox only
 * lists double bookings that still exist. Flags of pairs that still overlap stay open.
 */
export async function settleOverlaps(ctx: ApplyContext, appointmentId: string): Promise<void> {
  await ctx.tx.query(
    `update sync.conflicts c
        set status = 'resolved', resolution = 'dismissed', resolved_by = $2, resolved_at = now()
      where c.kind = 'overlap' and c.status = 'open' and c.table_name = 'appointments'
        and (c.row_id = $1 or c.loser_value ->> 'id' = $1::text)
        and not exists (
          select 1 from appointments a
            join appointments o on o.id = (c.loser_value ->> 'id')::uuid
           where a.id = c.row_id and o.vet_id = a.vet_id
             and ${BOTH_LIVE_AND_OVERLAPPING})`,
    [appointmentId, ctx.staffId],
  );
}
