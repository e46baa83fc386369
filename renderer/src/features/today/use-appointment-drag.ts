import { isLiveAppointment } from '../../../../core/domain/appointments.js';
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';

/** Pixels the pointer travels before a press becomes a drag: below it, a press is a click. */
const DRAG_THRESHOLD_PX = 5;
/**
 * Near the window's top or bottom edge a drag scrolls the page, so a grid taller than the
 * screen can be crossed. The top band starts below the sticky app header (3.5rem).
 */
const SCROLL_TOP_PX = 56 + 40;
const SCROLL_BOTTOM_PX = 40;
const SCROLL_STEP_PX = 14;

export interface DragPoint {
  x: number;
  y: number;
}

/** Where the dragged element was grabbed: the pointer's distance from its top edge. */
export interface DragGrab {
  offsetY: number;
}

/** What is being dragged and where it would land now (null: outside every drop zone). */
export interface DragState<Target> {
  appointment: DayAppointment;
  target: Target | null;
}

interface DragOptions<Target> {
  /**
   * Maps the pointer (in viewport coordinates, measured after any scrolling) and where the
   * element was grabbed to a drop target, or null.
   */
  resolve: (pointer: DragPoint, grab: DragGrab, appointment: DayAppointment) => Target | null;
  /** Called once when the pointer is released over a target; not after Escape. */
  onDrop: (appointment: DayAppointment, target: Target) => void;
}

/**
 * Cancelled and completed bookings stay where they happened; no-shows too. A deceased patient's
 * booking is not moved either (the central database refuses it, VD020): staff cancel it.
 */
export function isDraggable(appointment: DayAppointment): boolean {
  return (
    isLiveAppointment(appointment) && appointment.status !== 'completed' && appointment.patient_status !== 'deceased'
  );
}

/**
 * Drag-and-drop of appointments with pointer events (mouse, pen and touch alike; HTML5 drag and
 * drop has no touch support and no live preview under our control). A press that moves less
 * than a few pixels stays a click. While dragging, `drag` says where the booking would land;
 * Escape cancels; releasing over a target calls `onDrop`. The click the browser sends after a
 * drag (or a cancelled drag) is swallowed before React sees it, wherever it lands: on the block,
 * or on free grid space, which would otherwise open a new booking.
 */
export function useAppointmentDrag<Target>(options: DragOptions<Target>) {
  const [drag, setDrag] = useState<DragState<Target> | null>(null);
  const latest = useRef(options);
  const stopCurrent = useRef<(() => void) | null>(null);

  useEffect(() => {
    latest.current = options;
  });
  // A drag in flight when the grid unmounts (the day changes) must not leave listeners behind.
  useEffect(
    () => () => {
      stopCurrent.current?.();
    },
    [],
  );

  const onPointerDown = useCallback((event: ReactPointerEvent, appointment: DayAppointment) => {
    if (event.button !== 0 || !event.isPrimary || !isDraggable(appointment)) return;
    stopCurrent.current?.();
    const pointerId = event.pointerId;
    const origin = { x: event.clientX, y: event.clientY };
    const grab = { offsetY: origin.y - event.currentTarget.getBoundingClientRect().top };
    let last = origin;
    let dragging = false;
    let cancelled = false;
    let target: Target | null = null;
    let frame = 0;

    const update = () => {
      target = latest.current.resolve(last, grab, appointment);
      setDrag({ appointment, target });
    };
    // Scrolls one step per frame while the pointer rests near an edge; the page moving under a
    // still pointer changes the target too.
    const autoScroll = () => {
      frame = 0;
      if (!dragging || cancelled) return;
      const step =
        last.y < SCROLL_TOP_PX ? -SCROLL_STEP_PX : last.y > window.innerHeight - SCROLL_BOTTOM_PX ? SCROLL_STEP_PX : 0;
      const before = window.scrollY;
      if (step !== 0) window.scrollBy(0, step);
      if (window.scrollY === before) return;
      update();
      frame = window.requestAnimationFrame(autoScroll);
    };
    const onMove = (moveEvent: PointerEvent) => {
      if (moveEvent.pointerId !== pointerId || cancelled) return;
      last = { x: moveEvent.clientX, y: moveEvent.clientY };
      if (!dragging && Math.hypot(last.x - origin.x, last.y - origin.y) < DRAG_THRESHOLD_PX) return;
      dragging = true;
      update();
      if (frame === 0) frame = window.requestAnimationFrame(autoScroll);
    };
    const onUp = (upEvent: PointerEvent) => {
      if (upEvent.pointerId !== pointerId) return;
      const drop = dragging && !cancelled ? target : null;
      if (dragging || cancelled) swallowNextClick();
      stop();
      if (drop !== null) latest.current.onDrop(appointment, drop);
    };
    const onKey = (keyEvent: KeyboardEvent) => {
      if (keyEvent.key !== 'Escape' || !dragging || cancelled) return;
      // Escape ends the drag only: it must not also close a dialog or leave the page.
      keyEvent.preventDefault();
      keyEvent.stopPropagation();
      cancelled = true;
      setDrag(null);
    };
    const onCancel = (cancelEvent: PointerEvent) => {
      if (cancelEvent.pointerId === pointerId) stop();
    };
    function stop() {
      window.cancelAnimationFrame(frame);
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      window.removeEventListener('keydown', onKey, true);
      stopCurrent.current = null;
      setDrag(null);
    }
    window.addEventListener('pointermove', onMove);
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
    window.addEventListener('keydown', onKey, true);
    stopCurrent.current = stop;
  }, []);

  return { drag, onPointerDown };
}

/**
 * Drops the click the browser dispatches right after this pointer release (in the same task),
 * in the capture phase on window, so no React handler runs for it.
 */
function swallowNextClick(): void {
  const swallow = (event: MouseEvent) => {
    event.stopPropagation();
    event.preventDefault();
  };
  window.addEventListener('click', swallow, { capture: true, once: true });
  window.setTimeout(() => {
    window.removeEventListener('click', swallow, { capture: true });
  }, 0);
}
