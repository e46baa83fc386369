import { useMemo, useState } from 'react';
import type { DayAppointment } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatTime, localToday } from '../../ui/format.js';
import { EmptyState, ErrorState, Skeleton } from '../../ui/states.js';
import { BookingDialog } from '../booking/booking-dialog.js';
import type { SlotDefaults } from '../booking/booking-form.js';
import { RegisterOwnerDialog } from '../owners/register-owner-dialog.js';
import { useAppointmentDialogs } from './appointment-dialogs.js';
import { ArrivalsList } from './arrivals-list.js';
import { calendarTimeZone, clockOf, instantAt } from './calendar-dates.js';
import { useCalendarKeys } from './calendar-keys.js';
import { DateNav } from './date-nav.js';
import { DayGrid } from './day-grid.js';
import { DeceasedBookings } from './deceased-bookings.js';
import { layoutDay } from './day-layout.js';
import { StatusLegend } from './status-mark.js';
import { useMoveAppointment } from './use-move-appointment.js';
import { ViewToggle } from './view-toggle.js';

/** The day's bookings per vet, the waiting room, and the day's counts. */
export function TodayScreen({ date: routeDate }: { date: string | null }) {
  const date = routeDate ?? localToday();
  const appointments = useApiQuery('appointments.day', { date, timeZone: calendarTimeZone() }, { keepPrevious: true });
  const staff = useApiQuery('staff.list', {});
  const [booking, setBooking] = useState<Partial<SlotDefaults> | null>(null);
  const [registering, setRegistering] = useState(false);
  const { move, apply } = useMoveAppointment();
  const list = useMemo(() => apply(appointments.data ?? []), [apply, appointments.data]);
  const columns = useMemo(() => layoutDay(list, staff.data ?? []), [list, staff.data]);
  const { openDetails, reschedule, dialogs } = useAppointmentDialogs(list);
  useCalendarKeys('day', date);
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
          <ViewToggle view="day" date={date} />
          <DateNav date={date} />
          <button
            type="button"
            className="btn"
            onClick={() => {
              setRegistering(true);
            }}
          >
            New owner
          </button>
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
              date={date}
              columns={columns}
              all={list}
              onOpen={(item: DayAppointment) => {
                openDetails(item);
              }}
              onSlot={(vetId, minutes) => {
                setBooking({ date, time: clockOf(minutes), vetId });
              }}
              onMove={(item, to) => {
                const vetName = columns.find((column) => column.vetId === to.vetId)?.name ?? 'no vet';
                const at = instantAt(date, to.minutes);
                move(
                  item,
                  { scheduled_at: at, vet_id: to.vetId },
                  `${item.patient_name ?? 'Appointment'} moved to ${formatTime(at)} with ${vetName}`,
                );
              }}
              onReschedule={reschedule}
            />
          ) : null}
          {appointments.data && columns.length > 0 ? <StatusLegend /> : null}
        </div>
        <aside className="today-side">
          <DeceasedBookings date={date} />
          <ArrivalsList appointments={list} />
        </aside>
      </div>
      {dialogs}
      <RegisterOwnerDialog
        open={registering}
        onClose={() => {
          setRegistering(false);
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
    </div>
  );
}
