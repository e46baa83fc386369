import { isLiveAppointment } from '../../../../core/domain/appointments.js';
import { useEffect, useRef } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { formatTime } from '../../ui/format.js';
import { findOverlaps } from '../booking/overlap.js';
import { dayHeading, dayOf, instantAt, minutesOf } from './calendar-dates.js';
import { overlapNote } from './overlap-note.js';
import { isDraggable, useAppointmentDrag } from './use-appointment-drag.js';
import { WeekCard } from './week-card.js';

interface WeekGridProps {
  /** The seven days shown, Monday first. */
  days: readonly string[];
  today: string;
  /** The week's bookings; cancelled and no-show ones are left off, as on the day grid. */
  appointments: readonly DayAppointment[];
  /** Every vet's bookings are shown: each card names its vet. */
  showVet: boolean;
  onOpen: (item: DayAppointment) => void;
  /** A booking dropped on another day: same time of day, same vet. */
  onMove?: (item: DayAppointment, day: string) => void;
  onReschedule?: (item: DayAppointment) => void;
  /**
   * A drag held at the grid's left or right edge asks for the previous or next week; the drag
   * goes on over the new week's days.
   */
  onStepWeek?: (direction: -1 | 1) => void;
}

/** Where a dragged booking would land: a day, and whether the pointer is at an edge of the grid. */
interface WeekTarget {
  day: string | null;
  edge: -1 | 1 | null;
}

/** Width of the bands at the grid's sides where a held drag turns the week. */
const EDGE_PX = 28;
/** How long a drag rests in an edge band before the week turns (and again for the next one). */
export const EDGE_HOLD_MS = 700;

/** The booking's live entries per day, in time order. */
function byDay(appointments: readonly DayAppointment[]): Map<string, DayAppointment[]> {
  const days = new Map<string, DayAppointment[]>();
  for (const item of appointments) {
    if (!isLiveAppointment(item)) continue;
    const day = dayOf(item.scheduled_at);
    const list = days.get(day) ?? [];
    list.push(item);
    days.set(day, list);
  }
  for (const list of days.values()) list.sort((a, b) => a.scheduled_at.localeCompare(b.scheduled_at));
  return days;
}

/**
 * Monday to Sunday as columns, each day's bookings in time order, today marked. A booking
 * dragged to another day keeps its time of day and its vet; a preview shows where it lands and
 * any overlap it would make, Escape cancels.
 */
export function WeekGrid({
  days,
  today,
  appointments,
  showVet,
  onOpen,
  onMove,
  onReschedule,
  onStepWeek,
}: WeekGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const { drag, onPointerDown } = useAppointmentDrag<WeekTarget>({
    resolve: (pointer) => {
      const grid = gridRef.current?.getBoundingClientRect();
      const columns = [...(gridRef.current?.querySelectorAll<HTMLElement>('[data-week-day]') ?? [])];
      const hit = columns.find((element) => {
        const rect = element.getBoundingClientRect();
        return pointer.x >= rect.left && pointer.x < rect.right;
      });
      let edge: WeekTarget['edge'] = null;
      if (grid && onStepWeek) {
        if (pointer.x < grid.left + EDGE_PX) edge = -1;
        else if (pointer.x >= grid.right - EDGE_PX) edge = 1;
      }
      return { day: hit?.dataset['weekDay'] ?? null, edge };
    },
    onDrop: (item, target) => {
      if (item.scheduled_at && target.day !== null && target.day !== dayOf(item.scheduled_at)) {
        onMove?.(item, target.day);
      }
    },
  });
  const edge = drag?.target?.edge ?? null;
  const firstDay = days[0];
  // Resting at an edge turns the week; the new week's first day re-arms the timer, so holding
  // on keeps turning. Any move off the edge (or the end of the drag) cancels it.
  useEffect(() => {
    if (edge === null || !onStepWeek) return;
    const timer = window.setTimeout(() => {
      onStepWeek(edge);
    }, EDGE_HOLD_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [edge, firstDay, onStepWeek]);
  // Read while dragging only, when the pointer is already at an edge: where to draw the band.
  const edgeBox = edge === null ? null : (gridRef.current?.getBoundingClientRect() ?? null);
  const grouped = byDay(appointments);
  const dragged = drag?.appointment ?? null;
  const target = drag?.target?.day ?? null;
  const preview =
    dragged?.scheduled_at && target && target !== dayOf(dragged.scheduled_at)
      ? { item: dragged, day: target, at: instantAt(target, minutesOf(dragged.scheduled_at)) }
      : null;
  const previewOverlaps = preview
    ? findOverlaps(appointments, {
        vetId: preview.item.vet_id,
        start: new Date(preview.at),
        minutes: preview.item.duration_minutes,
        excludeId: preview.item.id,
      })
    : [];
  return (
    <div
      ref={gridRef}
      className={`week-grid ${drag ? 'is-dragging' : ''}`}
      data-edge={edge === null ? undefined : edge < 0 ? 'previous' : 'next'}
      role="region"
      aria-label="Appointments by day"
    >
      {days.map((day) => {
        const list = grouped.get(day) ?? [];
        const heading = dayHeading(day);
        const isToday = day === today;
        const here = preview !== null && preview.day === day ? preview : null;
        const ghost = here ? (
          <li key="ghost" className="week-slot">
            <div
              className={`week-card week-card-ghost ${previewOverlaps.length > 0 ? 'appt-overlap' : ''}`}
              data-testid="drag-ghost"
              role="status"
            >
              <span className="week-card-line">
                <span className="appt-time">{formatTime(here.at)}</span>
                <span className="appt-patient">{here.item.patient_name ?? 'Unknown patient'}</span>
              </span>
              <span className="appt-sub">
                Move to {heading.weekday} {heading.date}
                {overlapNote(previewOverlaps)}
              </span>
            </div>
          </li>
        ) : null;
        const entries = list.map((item) => (
          <li key={item.id} className="week-slot">
            <WeekCard
              appointment={item}
              showVet={showVet}
              dragging={dragged?.id === item.id}
              onOpen={() => {
                onOpen(item);
              }}
              onDragStart={
                onMove && isDraggable(item)
                  ? (event) => {
                      onPointerDown(event, item);
                    }
                  : undefined
              }
              onReschedule={
                onReschedule && isDraggable(item)
                  ? () => {
                      onReschedule(item);
                    }
                  : undefined
              }
            />
          </li>
        ));
        if (here && ghost) {
          // The preview goes where the booking would sit in time order.
          const at = here.at;
          entries.splice(list.filter((item) => item.scheduled_at < at).length, 0, ghost);
        }
        return (
          <section
            key={day}
            className={`week-day ${isToday ? 'week-day-today' : ''} ${here ? 'week-day-drop' : ''}`}
            data-week-day={day}
            aria-label={`${heading.weekday} ${heading.date}${isToday ? ', today' : ''}`}
            aria-current={isToday ? 'date' : undefined}
          >
            <h3 className="week-day-head">
              <span className="week-day-name">{heading.weekday}</span>
              <span className="week-day-date">{heading.date}</span>
              <span className="badge">{list.length}</span>
            </h3>
            <ol className="week-day-list">
              {entries}
              {list.length === 0 && !here ? <li className="week-day-free muted">No bookings</li> : null}
            </ol>
          </section>
        );
      })}
      {edge !== null && edgeBox ? (
        <div
          className={`week-edge-hint ${edge < 0 ? 'previous' : 'next'}`}
          style={{ left: edge < 0 ? edgeBox.left : edgeBox.right - EDGE_PX }}
          role="status"
        >
          {edge < 0 ? 'Hold for the previous week' : 'Hold for the next week'}
        </div>
      ) : null}
    </div>
  );
}
