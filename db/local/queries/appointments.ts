import type { DayAppointment } from '../../../core/api/views.js';
import { AWAITING_APPOINTMENT_STATUSES, heldTimesByVet } from '../../../core/domain/appointments.js';
import { dayRangeProblem } from '../../../core/domain/day-range.js';
import { validationError } from '../../../core/errors.js';
import { zonedDayRange } from '../../../core/util/time.js';
import type { LocalDatabase } from '../open.js';
import { pendingColumn, readSyncedRows } from './rows.js';

type JoinedRow = Omit<DayAppointment, 'overlaps'>;

/**
 * The statement `appointmentsBetween` runs (parameters: start, end, then the vet when
 * `oneVet`). Exported so a test can ask SQLite for its plan.
 *
 * Names come from correlated subqueries, not joins: `patients` and `owners` are UNION ALL views
 * (server rows and local overlay), and SQLite answers a LEFT JOIN on such a view by
 * materialising all of it and indexing the copy, which took 200-700 ms per day at 100,000
 * owners. A subquery's `id = ?` reaches both halves of the view and their primary keys (2 ms).
 */
export function appointmentsBetweenSql(oneVet: boolean): string {
  return `select ${JOINED_COLUMNS}
       from appointments t
      where t.scheduled_at >= ? and t.scheduled_at < ? and t.deleted_at is null
        ${oneVet ? 'and t.vet_id = ?' : ''}
      order by t.scheduled_at, t.id`;
}

/** An appointment row `t` with its patient's, owner's and vet's names and the patient's status. */
const JOINED_COLUMNS = `t.*, ${pendingColumn('appointments')},
            (select p.name from patients p where p.id = t.patient_id) as patient_name,
            (select p.species from patients p where p.id = t.patient_id) as species,
            (select p.status from patients p where p.id = t.patient_id) as patient_status,
            (select o.first_name || ' ' || o.last_name from owners o
              where o.id = (select p.owner_id from patients p where p.id = t.patient_id)) as owner_name,
            (select s.display_name from staff s where s.id = t.vet_id) as vet_name`;
const JOINED_EXTRA = ['patient_name', 'species', 'patient_status', 'owner_name', 'vet_name'];

const AWAITING_SQL = AWAITING_APPOINTMENT_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * Bookings from `since` on that still wait for a patient who has died (`awaitsDeceasedPatient`),
 * in time order, with names: what staff must cancel or call about. Walks the future bookings by
 * the `scheduled_at` index and reads each one's patient by primary key, so it costs what the
 * remaining diary costs, whatever the number of patients.
 */
export function deceasedPatientBookings(db: LocalDatabase, since: string): DayAppointment[] {
  const rows = readSyncedRows<JoinedRow>(
    db,
    'appointments',
    `select ${JOINED_COLUMNS}
       from appointments t
      where t.scheduled_at >= ? and t.deleted_at is null and t.status in (${AWAITING_SQL})
        and (select p.status from patients p where p.id = t.patient_id) = 'deceased'
      order by t.scheduled_at, t.id`,
    [since],
    JOINED_EXTRA,
  );
  return rows.map((row) => ({ ...row, overlaps: [] }));
}

/**
 * Every appointment between two instants (optionally one vet's), in time order, with names.
 * Uses the replica's `scheduled_at` indexes through a half-open range on the column itself.
 */
function appointmentsBetween(db: LocalDatabase, start: string, end: string, vetId: string | null): JoinedRow[] {
  return readSyncedRows<JoinedRow>(
    db,
    'appointments',
    appointmentsBetweenSql(vetId !== null),
    vetId ? [start, end, vetId] : [start, end],
    JOINED_EXTRA,
  );
}

/**
 * Flags, for each live appointment with a vet, the other live appointments of the same vet that
 * share time with it. A sweep per vet over start-sorted rows: a month of a busy practice has
 * thousands of rows, where comparing every pair would cost millions of checks.
 */
function withOverlaps(rows: readonly JoinedRow[]): DayAppointment[] {
  const order = new Map(rows.map((row, index) => [row.id, index]));
  const found = new Map<string, Set<string>>(rows.map((row) => [row.id, new Set<string>()]));
  for (const list of heldTimesByVet(rows).values()) {
    // Sorted by start, each one is compared only with those that start before it ends.
    list.sort((a, b) => a.start - b.start);
    for (let i = 0; i < list.length; i++) {
      const current = list[i];
      if (!current) continue;
      for (let j = i + 1; j < list.length; j++) {
        const other = list[j];
        if (!other || other.start >= current.end) break;
        found.get(current.id)?.add(other.id);
        found.get(other.id)?.add(current.id);
      }
    }
  }
  return rows.map((row) => ({
    ...row,
    overlaps: [...(found.get(row.id) ?? [])].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
  }));
}

/**
 * Appointments of the calendar days `from` to `to` (both included) in `timeZone`, optionally one
 * vet's, in time order, with patient, owner and vet names, and overlaps between a vet's live
 * appointments flagged (cancelled and no-show bookings neither overlap nor are overlapped).
 * Overlaps are computed among the returned rows only: with `vetId`, that vet's.
 * @throws AppError VALIDATION_FAILED (the contract's message) when `to` is before `from` or the
 *   span exceeds MAX_RANGE_DAYS.
 */
export function rangeAppointments(
  db: LocalDatabase,
  from: string,
  to: string,
  timeZone: string,
  vetId?: string | null,
): DayAppointment[] {
  const problem = dayRangeProblem(from, to);
  if (problem !== null) throw validationError([{ path: ['to'], message: problem }], problem, { from, to });
  const start = zonedDayRange(from, timeZone).start;
  const end = zonedDayRange(to, timeZone).end;
  return withOverlaps(appointmentsBetween(db, start, end, vetId ?? null));
}

/**
 * A day's appointments in `timeZone` (optionally one vet's), in time order, with patient, owner
 * and vet names, and overlaps between a vet's live appointments flagged.
 */
export function dayAppointments(
  db: LocalDatabase,
  date: string,
  timeZone: string,
  vetId?: string | null,
): DayAppointment[] {
  return rangeAppointments(db, date, date, timeZone, vetId);
}
