import { useEffect, useRef } from 'react';
import { formatClock } from '../../ui/format.js';
import { DAY_END_MINUTES, DAY_START_MINUTES, SLOT_MINUTES, TRACK_COUNT, TRACK_MINUTES } from './day-layout.js';
import type { DragGrab, DragPoint } from './use-appointment-drag.js';
import { NowLine } from './now-line.js';

// Hour labels in the same locale clock format as the bookings' times.
const HOUR_LABELS = Array.from({ length: (DAY_END_MINUTES - DAY_START_MINUTES) / 60 }, (_, index) =>
  formatClock(DAY_START_MINUTES + index * 60),
);

/** The current time on the clinic's clock, when the grid shows today. */
export interface GridNow {
  /** Epoch ms. */
  at: number;
  /** Minutes since midnight on the clinic's clock. */
  minutes: number;
}

/**
 * The hours down the left of a time grid (sticky when the grid scrolls sideways), with the
 * current time marked when `now` is given. On first showing today it scrolls the current time
 * into the middle of the window, once: staff open the calendar to see what is next.
 */
export function TimeAxis({ now }: { now: GridNow | null }) {
  const axisRef = useRef<HTMLDivElement>(null);
  const showsNow = now !== null;
  useEffect(() => {
    if (!showsNow) return;
    const marker = axisRef.current?.querySelector('[data-testid="now-marker"]');
    const rect = marker?.getBoundingClientRect();
    // Only when the line is off screen: a window tall enough for the day does not move.
    if (marker && rect && (rect.top < 0 || rect.bottom > window.innerHeight)) {
      marker.scrollIntoView({ block: 'center', inline: 'nearest' });
    }
  }, [showsNow]);
  return (
    <div className="day-axis" aria-hidden="true" ref={axisRef}>
      <div className="day-column-head" />
      <div className="day-slots">
        {HOUR_LABELS.map((label) => (
          <span key={label} className="day-hour-label">
            {label}
          </span>
        ))}
        {now ? <NowLine minutes={now.minutes} at={now.at} labelled /> : null}
      </div>
    </div>
  );
}

/**
 * The start time under a dragged block's top edge (the pointer less where the block was
 * grabbed), snapped to the 5-minute tracks and kept inside the grid's hours. Measured from the
 * column as it is now, so scrolling during the drag is taken into account.
 */
export function slotAt(slots: HTMLElement, pointer: DragPoint, grab: DragGrab): number {
  const rect = slots.getBoundingClientRect();
  const trackPx = rect.height / TRACK_COUNT;
  const top = pointer.y - grab.offsetY - rect.top;
  const snapped = DAY_START_MINUTES + Math.round(top / trackPx) * TRACK_MINUTES;
  return Math.min(Math.max(snapped, DAY_START_MINUTES), DAY_END_MINUTES - SLOT_MINUTES);
}

/** The quarter hour under a click at `clientY` on a column's free space. */
export function slotClicked(slots: HTMLElement, clientY: number): number {
  const rect = slots.getBoundingClientRect();
  const count = (DAY_END_MINUTES - DAY_START_MINUTES) / SLOT_MINUTES;
  const slot = Math.floor(((clientY - rect.top) / rect.height) * count);
  return DAY_START_MINUTES + Math.min(Math.max(slot, 0), count - 1) * SLOT_MINUTES;
}
