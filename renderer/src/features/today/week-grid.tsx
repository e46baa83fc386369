import { useRef } from 'react';
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
}

/** The booking's live entries per day, in time order. */
function byDay(appointments: readonly DayAppointment[]): Map<string, DayAppointment[]> {
  const days = new Map<string, DayAppointment[]>();
  for (const item of appointments) {
    if (!item.scheduled_at || item.status === 'cancelled' || item.status === 'no_show') continue;
    const day = dayOf(item.scheduled_at);
    const list = days.get(day) ?? [];
    list.push(item);
    days.set(day, list);
  }
  for (const list of days.values()) list.sort((a, b) => (a.scheduled_at ?? '').localeCompare(b.scheduled_at ?? ''));
  return days;
}

/**
 * Monday to Sunday as columns, each day's bookings in time order, today marked. A booking
 * dragged to another day keeps its time of day and its vet; a preview shows where it lands and
 * any overlap it would make, Escape cancels.
 */
export function WeekGrid({ days, today, appointments, showVet, onOpen, onMove, onReschedule }: WeekGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const { drag, onPointerDown } = useAppointmentDrag<string>({
    resolve: (pointer) => {
      const columns = [...(gridRef.current?.querySelectorAll<HTMLElement>('[data-week-day]') ?? [])];
      const hit = columns.find((element) => {
        const rect = element.getBoundingClientRect();
        return pointer.x >= rect.left && pointer.x < rect.right;
      });
      return hit?.dataset['weekDay'] ?? null;
    },
    onDrop: (item, day) => {
      if (item.scheduled_at && day !== dayOf(item.scheduled_at)) onMove?.(item, day);
    },
  });
  const grouped = byDay(appointments);
  const dragged = drag?.appointment ?? null;
  const target = drag?.target ?? null;
  const preview =
    dragged?.scheduled_at && target && target !== dayOf(dragged.scheduled_at)
      ? { item: dragged, day: target, at: instantAt(target, minutesOf(dragged.scheduled_at)) }
      : null;
  const previewOverlaps = preview
    ? findOverlaps(appointments, {
        vetId: preview.item.vet_id,
        start: new Date(preview.at),
        minutes: preview.item.duration_minutes ?? 15,
        excludeId: preview.item.id,
      })
    : [];
  return (
    <div
      ref={gridRef}
      className={`week-grid ${drag ? 'is-dragging' : ''}`}
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
          entries.splice(list.filter((item) => (item.scheduled_at ?? '') < at).length, 0, ghost);
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
    </div>
  );
}
