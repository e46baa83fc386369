import { useRef } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { findOverlaps } from '../booking/overlap.js';
import { formatTime } from '../../ui/format.js';
import { AppointmentBlock } from './appointment-block.js';
import { instantAt } from './calendar-dates.js';
import { tracksFor, type VetColumn } from './day-layout.js';
import { NowLine } from './now-line.js';
import { overlapNote } from './overlap-note.js';
import { slotAt, slotClicked, TimeAxis } from './time-axis.js';
import { isDraggable, useAppointmentDrag } from './use-appointment-drag.js';
import { useGridNow } from './use-grid-now.js';

/** Where a dragged booking would land in the day grid: a vet's column and a start time. */
export interface DaySlot {
  vetId: string | null;
  /** Minutes since midnight, on the 5-minute grid. */
  minutes: number;
}

interface DayGridProps {
  /** The day shown, 'YYYY-MM-DD'. */
  date: string;
  columns: VetColumn[];
  /** Every booking of the day, for the overlap warning while dragging. */
  all: readonly DayAppointment[];
  onOpen: (item: DayAppointment) => void;
  /** A click on free space in a vet's column: that vet, minutes since midnight of the slot. */
  onSlot?: (vetId: string | null, minutes: number) => void;
  /** A booking dropped on another time and/or vet. */
  onMove?: (item: DayAppointment, to: DaySlot) => void;
  /** The keyboard way to move a booking (R on a focused block). */
  onReschedule?: (item: DayAppointment) => void;
}

/**
 * Vets as columns over a 08:00-19:00 grid of 15-minute rows, with the current-time line when the
 * day is today. Clicking free space books that quarter hour (the "New booking" button is the
 * keyboard way to the same dialog). Bookings can be dragged to another time and/or vet; a
 * preview shows the new time and any overlap, Escape cancels.
 */
export function DayGrid({ date, columns, all, onOpen, onSlot, onMove, onReschedule }: DayGridProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const clock = useGridNow([date]);
  const now = clock.today === null ? null : clock.now;
  const { drag, onPointerDown } = useAppointmentDrag<DaySlot>({
    resolve: (pointer, grab) => {
      const slots = [...(gridRef.current?.querySelectorAll<HTMLElement>('[data-vet-column]') ?? [])];
      const hit = slots.find((element) => {
        const rect = element.getBoundingClientRect();
        return pointer.x >= rect.left && pointer.x < rect.right;
      });
      if (!hit) return null;
      const vetId = hit.dataset['vetColumn'] || null;
      return { vetId, minutes: slotAt(hit, pointer, grab) };
    },
    onDrop: (item, to) => {
      onMove?.(item, to);
    },
  });
  const ghost = drag?.target ? ghostOf(drag.appointment, drag.target, date) : null;
  const ghostOverlaps = ghost
    ? findOverlaps(all, {
        vetId: ghost.vetId,
        start: new Date(ghost.at),
        minutes: ghost.item.duration_minutes,
        excludeId: ghost.item.id,
      })
    : [];
  return (
    <div
      ref={gridRef}
      className={`day-grid ${drag ? 'is-dragging' : ''}`}
      role="region"
      aria-label="Appointments by vet"
    >
      <TimeAxis now={now} />
      {columns.map((column) => {
        const dropHere = ghost !== null && ghost.vetId === column.vetId;
        return (
          <section key={column.vetId ?? 'none'} className="day-column" aria-label={column.name}>
            <h3 className="day-column-head" title={column.name}>
              <span className="day-column-name">{column.name}</span>{' '}
              <span className="muted">{column.placed.length}</span>
            </h3>
            <div
              className={`day-slots ${onSlot ? 'day-slots-free' : ''} ${dropHere ? 'day-slots-drop' : ''}`}
              data-testid="day-slots"
              data-vet-column={column.vetId ?? ''}
              title={onSlot ? `Click free time to book with ${column.name}` : undefined}
              onClick={(event) => {
                if (!onSlot || event.target !== event.currentTarget) return;
                onSlot(column.vetId, slotClicked(event.currentTarget, event.clientY));
              }}
            >
              {now ? <NowLine minutes={now.minutes} at={now.at} /> : null}
              {column.placed.map((placed) => (
                <AppointmentBlock
                  key={placed.appointment.id}
                  placed={placed}
                  dragging={drag?.appointment.id === placed.appointment.id}
                  onOpen={() => {
                    onOpen(placed.appointment);
                  }}
                  onDragStart={
                    onMove && isDraggable(placed.appointment)
                      ? (event) => {
                          onPointerDown(event, placed.appointment);
                        }
                      : undefined
                  }
                  onReschedule={
                    onReschedule && isDraggable(placed.appointment)
                      ? () => {
                          onReschedule(placed.appointment);
                        }
                      : undefined
                  }
                />
              ))}
              {ghost && dropHere ? (
                <div
                  className={`appt appt-ghost ${ghostOverlaps.length > 0 ? 'appt-overlap' : ''}`}
                  data-testid="drag-ghost"
                  role="status"
                  style={{ ...ghost.tracks, '--lane': 0, '--lanes': 1 }}
                >
                  <span className="appt-line">
                    <span className="appt-time">{formatTime(ghost.at)}</span>
                    <span className="appt-who">
                      <span className="appt-patient">{ghost.item.patient_name ?? 'Unknown patient'}</span>
                    </span>
                  </span>
                  <span className="appt-sub">
                    {column.name}
                    {overlapNote(ghostOverlaps)}
                  </span>
                </div>
              ) : null}
            </div>
          </section>
        );
      })}
    </div>
  );
}

/** The preview of a drop: the booking, where it lands, and its grid tracks there. */
function ghostOf(item: DayAppointment, to: DaySlot, date: string) {
  const { rowStart, rowSpan } = tracksFor(to.minutes, item.duration_minutes);
  return {
    item,
    vetId: to.vetId,
    at: instantAt(date, to.minutes),
    tracks: { '--row-start': rowStart, '--row-span': rowSpan },
  };
}
