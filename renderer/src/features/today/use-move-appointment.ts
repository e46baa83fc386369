import { useCallback, useState } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';

/** Where a booking goes: a new start instant (ISO) and/or another vet (null: unassigned). */
export interface AppointmentMove {
  scheduled_at?: string;
  vet_id?: string | null;
}

/**
 * Reschedules a booking dropped on the calendar through the `appointment.reschedule` mutation,
 * sending only what changed. Until the views have refetched, `apply` shows moved bookings at
 * their new place (marked pending), so a drop never jumps back before it lands.
 */
export function useMoveAppointment() {
  const { mutate } = useMutate();
  const [moving, setMoving] = useState<ReadonlyMap<string, AppointmentMove>>(new Map());

  const move = useCallback(
    (appointment: DayAppointment, to: AppointmentMove, success: string) => {
      const changes: AppointmentMove = {};
      const current = appointment.scheduled_at ? new Date(appointment.scheduled_at).toISOString() : null;
      if (to.scheduled_at !== undefined && to.scheduled_at !== current) changes.scheduled_at = to.scheduled_at;
      if (to.vet_id !== undefined && to.vet_id !== appointment.vet_id) changes.vet_id = to.vet_id;
      if (Object.keys(changes).length === 0) return;
      setMoving((previous) => new Map(previous).set(appointment.id, changes));
      mutate(
        { name: 'appointment.reschedule', args: { id: appointment.id, changes: { ...changes } }, success },
        {
          onSettled: () => {
            setMoving((previous) => {
              const next = new Map(previous);
              next.delete(appointment.id);
              return next;
            });
          },
        },
      );
    },
    [mutate],
  );

  const apply = useCallback(
    (list: readonly DayAppointment[]): DayAppointment[] =>
      moving.size === 0
        ? [...list]
        : list.map((item) => {
            const change = moving.get(item.id);
            return change ? { ...item, ...change, pending: true } : item;
          }),
    [moving],
  );

  return { move, apply };
}
