import { useEffect, useMemo, useRef } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { routeHref } from '../../routing/routes.js';
import { formatTime } from '../../ui/format.js';
import { findOverlaps } from '../booking/overlap.js';
import { AppointmentBlock } from './appointment-block.js';
import { dayHeading, dayOf, instantAt, minutesOf } from './calendar-dates.js';
import { calendarRoute } from './calendar-keys.js';
import { layoutWeek, tracksFor } from './day-layout.js';
import { NowLine } from './now-line.js';
import { overlapNote } from './overlap-note.js';
import { slotAt, slotClicked, TimeAxis } from './time-axis.js';
import { isDraggable, useAppointmentDrag } from './use-appointment-drag.js';
import { useGridNow } from './use-grid-now.js';

interface WeekGridProps {
  /** The seven days shown, Monday first. */
  days: readonly string[];
  /** The week's bookings; cancelled and no-show ones are left off, as on the day grid. */
  appointments: readonly DayAppointment[];
  /** Every vet's bookings are shown: each block names its vet. */
  showVet: boolean;
  onOpen: (item: DayAppointment) => void;
  /** A click on free time: that day, minutes since midnight of the quarter hour. */
  onSlot?: (day: string, minutes: number) => void;
  /** A booking dropped on another day and/or time (same vet). */
  onMove?: (item: DayAppointment, day: string, minutes: number) => void;
  onReschedule?: (item: DayAppointment) => void;
  /**
   * A drag held at the grid's left or right edge asks for the previous or next week; the drag
   * goes on over the new week's days.
   */
  onStepWeek?: (direction: -1 | 1) => void;
}

/**
 * Where a dragged booking would land: a day and a start time (minutes since midnight), and
 * whether the pointer is at an edge of the grid.
 */
interface WeekTarget {
  day: string | null;
  minutes: number;
  edge: -1 | 1 | null;
}

/** Width of the bands at the grid's sides where a held drag turns the week. */
const EDGE_PX = 28;
/** How long a drag rests in an edge band before the week turns (and again for the next one). */
export const EDGE_HOLD_MS = 700;

const DRAG_HINT = 'Drag to another day or time (hold at the edge for another week), or press R to reschedule';

/**
 * Monday to Sunday as columns over the day grid's hours, bookings placed by time and length as
 * in the day view, so free time shows as free space; today marked, with the current-time line.
 * Clicking free time books it. A booking dragged to another day or time keeps its vet; a preview
 * shows where it lands and any overlap it would make, Escape cancels.
 */
export function WeekGrid({
  days,
  appointments,
  showVet,
  onOpen,
  onSlot,
  onMove,
  onReschedule,
  onStepWeek,
}: WeekGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const { today, now } = useGridNow(days);
  const { drag, onPointerDown } = useAppointmentDrag<WeekTarget>({
    resolve: (pointer, grab) => {
      const grid = gridRef.current?.getBoundingClientRect();
      const columns = [...(gridRef.current?.querySelectorAll<HTMLElement>('[data-week-slots]') ?? [])];
      const hit = columns.find((element) => {
        const rect = element.getBoundingClientRect();
        return pointer.x >= rect.left && pointer.x < rect.right;
      });
      let edge: WeekTarget['edge'] = null;
      if (grid && onStepWeek) {
        if (pointer.x < grid.left + EDGE_PX) edge = -1;
        else if (pointer.x >= grid.right - EDGE_PX) edge = 1;
      }
      return {
        day: hit?.dataset['weekSlots'] ?? null,
        minutes: hit ? slotAt(hit, pointer, grab) : 0,
        edge,
      };
    },
    onDrop: (item, target) => {
      if (!item.scheduled_at || target.day === null) return;
      if (target.day === dayOf(item.scheduled_at) && target.minutes === minutesOf(item.scheduled_at)) return;
      onMove?.(item, target.day, target.minutes);
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
  const columns = useMemo(() => layoutWeek(appointments, days), [appointments, days]);
  const dragged = drag?.appointment ?? null;
  const target = drag?.target ?? null;
  const preview =
    dragged?.scheduled_at && target?.day
      ? { item: dragged, day: target.day, minutes: target.minutes, at: instantAt(target.day, target.minutes) }
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
      <TimeAxis now={today === null ? null : now} />
      {columns.map(({ day, placed }) => {
        const heading = dayHeading(day);
        const isToday = day === today;
        const here = preview !== null && preview.day === day ? preview : null;
        const tracks = here ? tracksFor(here.minutes, here.item.duration_minutes) : null;
        return (
          <section
            key={day}
            className={`week-day ${isToday ? 'week-day-today' : ''} ${here ? 'week-day-drop' : ''}`}
            data-week-day={day}
            aria-label={`${heading.weekday} ${heading.date}${isToday ? ', today' : ''}`}
            aria-current={isToday ? 'date' : undefined}
          >
            <h3 className="day-column-head week-day-head">
              <a
                className="week-day-link"
                href={routeHref(calendarRoute('day', day))}
                title={`Open ${heading.weekday} ${heading.date} in the day view`}
              >
                <span className="week-day-name">{heading.weekday}</span>
                <span className="week-day-date">{heading.date}</span>
              </a>
              <span className="badge" title={`${placed.length} booking${placed.length === 1 ? '' : 's'}`}>
                {placed.length}
              </span>
            </h3>
            <div
              className={`day-slots ${onSlot ? 'day-slots-free' : ''}`}
              data-testid="week-slots"
              data-week-slots={day}
              title={onSlot ? `Click free time to book on ${heading.weekday} ${heading.date}` : undefined}
              onClick={(event) => {
                if (!onSlot || event.target !== event.currentTarget) return;
                onSlot(day, slotClicked(event.currentTarget, event.clientY));
              }}
            >
              {isToday ? <NowLine minutes={now.minutes} at={now.at} /> : null}
              {placed.map((item) => (
                <AppointmentBlock
                  key={item.appointment.id}
                  placed={item}
                  testId="week-appointment"
                  showVet={showVet}
                  dragHint={DRAG_HINT}
                  dragging={dragged?.id === item.appointment.id}
                  onOpen={() => {
                    onOpen(item.appointment);
                  }}
                  onDragStart={
                    onMove && isDraggable(item.appointment)
                      ? (event) => {
                          onPointerDown(event, item.appointment);
                        }
                      : undefined
                  }
                  onReschedule={
                    onReschedule && isDraggable(item.appointment)
                      ? () => {
                          onReschedule(item.appointment);
                        }
                      : undefined
                  }
                />
              ))}
              {here && tracks ? (
                <div
                  className={`appt appt-ghost ${previewOverlaps.length > 0 ? 'appt-overlap' : ''}`}
                  data-testid="drag-ghost"
                  role="status"
                  style={{ '--row-start': tracks.rowStart, '--row-span': tracks.rowSpan, '--lane': 0, '--lanes': 1 }}
                >
                  <span className="appt-line">
                    <span className="appt-time">{formatTime(here.at)}</span>
                    <span className="appt-who">
                      <span className="appt-patient">{here.item.patient_name ?? 'Unknown patient'}</span>
                    </span>
                  </span>
                  <span className="appt-sub">
                    {heading.weekday} {heading.date}
                    {overlapNote(previewOverlaps)}
                  </span>
                </div>
              ) : null}
            </div>
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
