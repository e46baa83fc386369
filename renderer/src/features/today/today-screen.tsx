import { useEffect, useMemo, useState } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { navigate } from '../../routing/routes.js';
import { addDays, localToday } from '../../ui/format.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { BookingDialog } from '../booking/booking-dialog.js';
import type { SlotDefaults } from '../booking/booking-form.js';
import { RescheduleDialog } from '../booking/reschedule-dialog.js';
import { AppointmentDialog } from './appointment-dialog.js';
import { ArrivalsList } from './arrivals-list.js';
import { DateNav } from './date-nav.js';
import { DayGrid } from './day-grid.js';
import { layoutDay } from './day-layout.js';

// The grid is laid out in the workstation's local time, so the day is asked for in that zone.
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The day's bookings per vet, the waiting room, and the day's counts. */
export function TodayScreen({ date: routeDate }: { date: string | null }) {
  const date = routeDate ?? localToday();
  const appointments = useApiQuery('appointments.day', { date, timeZone: TIME_ZONE }, { keepPrevious: true });
  const staff = useApiQuery('staff.list', {});
  const [openId, setOpenId] = useState<string | null>(null);
  const [booking, setBooking] = useState<Partial<SlotDefaults> | null>(null);
  const [moving, setMoving] = useState<DayAppointment | null>(null);
  const columns = useMemo(() => layoutDay(appointments.data ?? [], staff.data ?? []), [appointments.data, staff.data]);
  useDayKeys(date);
  const list = appointments.data ?? [];
  const open = list.find((item) => item.id === openId) ?? null;
  const overlapCount = list.filter((item) => item.overlaps.length > 0).length;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>{date === localToday() ? 'Today' : 'Day view'}</h1>
          <p className="page-subtitle">
            {list.length} booking{list.length === 1 ? '' : 's'}
            {overlapCount > 0 ? ` · ${overlapCount} overlapping` : ''}
            {list.some((item) => item.status === 'cancelled') ? ' · cancelled ones not shown on the grid' : ''}
          </p>
        </div>
        <div className="row">
          <DateNav date={date} />
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setBooking({ date });
            }}
          >
            New booking
          </button>
        </div>
      </div>
      <div className="today-layout">
        <div className="today-main">
          {appointments.isPending ? <Skeleton lines={6} block /> : null}
          {appointments.isError ? (
            <ErrorState error={appointments.error} onRetry={() => void appointments.refetch()} />
          ) : null}
          {appointments.data && columns.length === 0 ? (
            <EmptyState title="No bookings this day">Bookings made on any workstation appear here.</EmptyState>
          ) : null}
          {appointments.data && columns.length > 0 ? (
            <DayGrid
              columns={columns}
              onOpen={(item: DayAppointment) => {
                setOpenId(item.id);
              }}
              onSlot={(vetId, minutes) => {
                const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
                setBooking({ date, time, vetId });
              }}
            />
          ) : null}
        </div>
        <aside className="today-side">
          <ArrivalsList appointments={list} />
        </aside>
      </div>
      <AppointmentDialog
        appointment={open}
        all={list}
        onClose={() => {
          setOpenId(null);
        }}
        onReschedule={(item) => {
          setOpenId(null);
          setMoving(item);
        }}
      />
      <BookingDialog
        open={booking !== null}
        patient={null}
        initial={booking ?? undefined}
        onClose={() => {
          setBooking(null);
        }}
      />
      <RescheduleDialog
        appointment={moving}
        onClose={() => {
          setMoving(null);
        }}
      />
    </div>
  );
}

/** `[` and `]` step through days, outside fields and dialogs. */
function useDayKeys(date: string): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (document.querySelector('dialog[open]')) return;
      if (event.key === '[') navigate({ name: 'today', date: addDays(date, -1) });
      if (event.key === ']') navigate({ name: 'today', date: addDays(date, 1) });
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [date]);
}
