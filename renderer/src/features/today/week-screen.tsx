import { isLiveAppointment } from '../../../../core/domain/appointments.js';
import { useCallback, useMemo, useState } from 'react';
import { useWeekVet } from './use-week-vet.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { navigate } from '../../routing/routes.js';
import { addDays, formatDate, formatTime, localToday } from '../../ui/format.js';
import { ErrorState, Skeleton } from '../../ui/states.js';
import { BookingDialog } from '../booking/booking-dialog.js';
import type { SlotDefaults } from '../booking/booking-form.js';
import { useAppointmentDialogs } from './appointment-dialogs.js';
import { calendarTimeZone, clockOf, dayHeading, instantAt, weekDays, weekStart } from './calendar-dates.js';
import { calendarRoute, useCalendarKeys } from './calendar-keys.js';
import { useMoveAppointment } from './use-move-appointment.js';
import { StatusLegend } from './status-mark.js';
import { ViewToggle } from './view-toggle.js';
import { WeekGrid } from './week-grid.js';
import { WeekNav } from './week-nav.js';

/**
 * The week (Monday to Sunday) holding the route's date on a time grid: one column per day, for
 * every vet or one vet, with drag to another day or time and click on free time to book.
 */
export function WeekScreen({ date: routeDate }: { date: string | null }) {
  const today = localToday();
  const date = routeDate ?? today;
  const monday = weekStart(date);
  const days = useMemo(() => weekDays(monday), [monday]);
  const [vetId, setVetId] = useWeekVet();
  const [booking, setBooking] = useState<Partial<SlotDefaults> | null>(null);
  const staff = useApiQuery('staff.list', {});
  const week = useApiQuery(
    'appointments.range',
    { from: monday, to: days[6] ?? monday, timeZone: calendarTimeZone(), vetId },
    { keepPrevious: true },
  );
  const { move, apply } = useMoveAppointment();
  const list = useMemo(() => apply(week.data ?? []), [apply, week.data]);
  const { openDetails, reschedule, dialogs } = useAppointmentDialogs(list);
  useCalendarKeys('week', date);
  const stepWeek = useCallback(
    (direction: -1 | 1) => {
      navigate(calendarRoute('week', addDays(monday, 7 * direction)));
    },
    [monday],
  );
  const vets = (staff.data ?? []).filter((member) => member.role === 'vet');
  const live = list.filter(isLiveAppointment);
  const overlapCount = live.filter((item) => item.overlaps.length > 0).length;
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <h1>Week of {formatDate(monday)}</h1>
          <p className="page-subtitle">
            {live.length === 0 ? 'No bookings this week' : `${live.length} booking${live.length === 1 ? '' : 's'}`}
            {overlapCount > 0 ? ` · ${overlapCount} overlapping` : ''}
            {live.length < list.length ? ' · cancelled and no-shows not shown' : ''}
          </p>
        </div>
        <div className="row">
          <ViewToggle view="week" date={date} />
          <WeekNav monday={monday} onStep={stepWeek} />
          <label className="visually-hidden" htmlFor="week-vet">
            Vet
          </label>
          <select
            id="week-vet"
            className="select week-vet"
            value={vetId ?? ''}
            onChange={(event) => {
              setVetId(event.target.value || null);
            }}
          >
            <option value="">All vets</option>
            {vets.map((vet) => (
              <option key={vet.id} value={vet.id}>
                {vet.display_name ?? 'Vet'}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              setBooking({ date, vetId });
            }}
          >
            New booking
          </button>
        </div>
      </div>
      {week.isPending ? <Skeleton lines={6} block /> : null}
      {week.isError ? <ErrorState error={week.error} onRetry={() => void week.refetch()} /> : null}
      {week.data ? (
        <WeekGrid
          days={days}
          appointments={list}
          showVet={vetId === null}
          onOpen={openDetails}
          onReschedule={reschedule}
          onStepWeek={stepWeek}
          onSlot={(day, minutes) => {
            setBooking({ date: day, time: clockOf(minutes), vetId });
          }}
          onMove={(item, day, minutes) => {
            const heading = dayHeading(day);
            const at = instantAt(day, minutes);
            move(
              item,
              { scheduled_at: at },
              `${item.patient_name ?? 'Appointment'} moved to ${heading.weekday} ${heading.date}, ${formatTime(at)}`,
            );
          }}
        />
      ) : null}
      {week.data ? <StatusLegend /> : null}
      {dialogs}
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
