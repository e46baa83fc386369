import { isLiveAppointment } from '../../../../core/domain/appointments.js';
import type { DayAppointment, StaffRow } from '../../../../core/api/views.js';
import { minutesOfDay, toLocalDay } from '../../ui/format.js';

/**
 * The grid spans 08:00-19:00. Staff see 15-minute rows (drawn lines), but bookings are placed
 * on 5-minute grid tracks: a 09:50 booking must not look like it collides with one ending at
 * 09:50 just because both round to the same quarter hour.
 */
export const DAY_START_MINUTES = 8 * 60;
export const DAY_END_MINUTES = 19 * 60;
export const SLOT_MINUTES = 15;
export const TRACK_MINUTES = 5;
export const TRACK_COUNT = (DAY_END_MINUTES - DAY_START_MINUTES) / TRACK_MINUTES;

export interface PlacedAppointment {
  appointment: DayAppointment;
  /** 1-based 5-minute track where it starts, and how many tracks it spans (clamped to the grid). */
  rowStart: number;
  rowSpan: number;
  /** Side-by-side position among appointments that overlap in time. */
  lane: number;
  lanes: number;
  /** Starts or ends outside 08:00-19:00: shown clamped, with its real time. */
  clipped: boolean;
}

/** One day of the week grid: its bookings placed on the day's time grid. */
export interface WeekColumn {
  /** 'YYYY-MM-DD'. */
  day: string;
  placed: PlacedAppointment[];
}

export interface VetColumn {
  vetId: string | null;
  name: string;
  placed: PlacedAppointment[];
}

/** Greedy lanes inside each cluster of overlapping appointments (the usual calendar layout). */
function assignLanes(items: Omit<PlacedAppointment, 'lane' | 'lanes'>[]): PlacedAppointment[] {
  const sorted = [...items].sort((a, b) => a.rowStart - b.rowStart || b.rowSpan - a.rowSpan);
  const result: PlacedAppointment[] = [];
  let cluster: PlacedAppointment[] = [];
  let clusterEnd = 0;
  const closeCluster = () => {
    const lanes = Math.max(1, ...cluster.map((item) => item.lane + 1));
    for (const item of cluster) item.lanes = lanes;
    result.push(...cluster);
    cluster = [];
  };
  for (const item of sorted) {
    if (cluster.length > 0 && item.rowStart >= clusterEnd) closeCluster();
    const laneEnds: number[] = [];
    for (const other of cluster)
      laneEnds[other.lane] = Math.max(laneEnds[other.lane] ?? 0, other.rowStart + other.rowSpan);
    let lane = laneEnds.findIndex((end) => end <= item.rowStart);
    if (lane === -1) lane = laneEnds.length;
    cluster.push({ ...item, lane, lanes: 1 });
    clusterEnd = Math.max(clusterEnd, item.rowStart + item.rowSpan);
  }
  closeCluster();
  return result;
}

/**
 * The grid tracks a booking from `start` (minutes since midnight) lasting `minutes` covers,
 * clamped to the grid, and whether it had to be clamped.
 */
export function tracksFor(start: number, minutes: number): { rowStart: number; rowSpan: number; clipped: boolean } {
  const end = start + minutes;
  const from = Math.min(Math.max(start, DAY_START_MINUTES), DAY_END_MINUTES - SLOT_MINUTES);
  // Never shorter than a quarter hour on screen, so even a 5-minute booking stays readable.
  const to = Math.max(Math.min(end, DAY_END_MINUTES), from + SLOT_MINUTES);
  const rowStart = Math.floor((from - DAY_START_MINUTES) / TRACK_MINUTES) + 1;
  return {
    rowStart,
    rowSpan: Math.max(1, Math.ceil((to - DAY_START_MINUTES) / TRACK_MINUTES) + 1 - rowStart),
    clipped: start < DAY_START_MINUTES || end > DAY_END_MINUTES,
  };
}

function place(appointment: DayAppointment): Omit<PlacedAppointment, 'lane' | 'lanes'> {
  const start = appointment.scheduled_at ? minutesOfDay(appointment.scheduled_at) : DAY_START_MINUTES;
  return { appointment, ...tracksFor(start, appointment.duration_minutes) };
}

/** Places bookings that share a column on the grid, side by side where they overlap in time. */
export function placeColumn(appointments: readonly DayAppointment[]): PlacedAppointment[] {
  return assignLanes(appointments.map(place));
}

/**
 * Where the current-time line goes: its distance from the grid's top as a fraction of the
 * grid's height, for `minutes` since midnight; null before 08:00 or from 19:00 on.
 */
export function nowOffset(minutes: number): number | null {
  if (minutes < DAY_START_MINUTES || minutes >= DAY_END_MINUTES) return null;
  return (minutes - DAY_START_MINUTES) / (DAY_END_MINUTES - DAY_START_MINUTES);
}

/**
 * The week on the time grid: one column per day of `days` (in that order), each with its live
 * bookings placed as in the day view. Cancelled and no-show bookings are left off, as there;
 * bookings of days not in `days` are ignored.
 */
export function layoutWeek(appointments: readonly DayAppointment[], days: readonly string[]): WeekColumn[] {
  const byDay = new Map<string, DayAppointment[]>(days.map((day) => [day, []]));
  for (const item of appointments) {
    if (!isLiveAppointment(item) || !item.scheduled_at) continue;
    byDay.get(toLocalDay(new Date(item.scheduled_at)))?.push(item);
  }
  return days.map((day) => ({ day, placed: placeColumn(byDay.get(day) ?? []) }));
}

/**
 * One column per vet (every vet on the staff list, busy or not, then anyone else who has
 * bookings), plus "Unassigned" when some bookings have no vet. Cancelled and no-show
 * bookings are left off the grid: they would hide the live ones.
 */
export function layoutDay(appointments: DayAppointment[], staff: StaffRow[]): VetColumn[] {
  const live = appointments.filter(isLiveAppointment);
  const columns = new Map<string | null, VetColumn>();
  for (const member of staff) {
    if (member.role === 'vet')
      columns.set(member.id, { vetId: member.id, name: member.display_name ?? 'Vet', placed: [] });
  }
  const byVet = new Map<string | null, DayAppointment[]>();
  for (const item of live) {
    const list = byVet.get(item.vet_id) ?? [];
    list.push(item);
    byVet.set(item.vet_id, list);
    if (!columns.has(item.vet_id)) {
      columns.set(item.vet_id, {
        vetId: item.vet_id,
        name: item.vet_id ? (item.vet_name ?? 'Vet') : 'Unassigned',
        placed: [],
      });
    }
  }
  for (const column of columns.values()) column.placed = placeColumn(byVet.get(column.vetId) ?? []);
  return [...columns.values()];
}
