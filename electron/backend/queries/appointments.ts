import type { AppointmentRow, DayAppointment } from '../../../core/api/views.js';
import { zonedDayRange } from '../../../core/util/time.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import { selectRows } from './rows.js';

const INACTIVE = new Set(['cancelled', 'no_show']);

/**
 * A day's appointments in the clinic's time zone (optionally one vet's), in time order, with
 * patient, owner and vet names, and overlaps between a vet's live appointments flagged.
 */
export function dayAppointments(
  replica: LocalReplica,
  date: string,
  timeZone: string,
  vetId?: string | null,
): DayAppointment[] {
  const { start, end } = zonedDayRange(date, timeZone);
  const rows = selectRows<
    AppointmentRow & {
      patient_name: string | null;
      species: string | null;
      owner_name: string | null;
      vet_name: string | null;
    }
  >(
    replica,
    'appointments',
    `select t.*, p.name as patient_name, p.species as species,
            o.first_name || ' ' || o.last_name as owner_name, s.display_name as vet_name
       from appointments t
       left join patients p on p.id = t.patient_id
       left join owners o on o.id = p.owner_id
       left join staff s on s.id = t.vet_id
      where t.scheduled_at >= ? and t.scheduled_at < ? and t.deleted_at is null
        ${vetId ? 'and t.vet_id = ?' : ''}
      order by t.scheduled_at, t.id`,
    vetId ? [start, end, vetId] : [start, end],
    ['patient_name', 'species', 'owner_name', 'vet_name'],
  );
  const span = (row: AppointmentRow) => {
    const from = Date.parse(row.scheduled_at ?? '');
    return [from, from + (row.duration_minutes ?? 15) * 60_000] as const;
  };
  return rows.map((row) => {
    const [from, to] = span(row);
    const overlaps =
      row.vet_id === null || INACTIVE.has(row.status ?? '')
        ? []
        : rows
            .filter((other) => other.id !== row.id && other.vet_id === row.vet_id && !INACTIVE.has(other.status ?? ''))
            .filter((other) => {
              const [otherFrom, otherTo] = span(other);
              return otherFrom < to && from < otherTo;
            })
            .map((other) => other.id);
    return { ...row, overlaps };
  });
}
