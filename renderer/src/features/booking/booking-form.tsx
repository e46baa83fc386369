import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { appointmentFields } from '../../../../core/domain/entities.js';
import { isoDate } from '../../../../core/domain/values.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatTime } from '../../ui/format.js';
import { findOverlaps } from './overlap.js';

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The form's own fields; the appointment's rules come from the shared schema. */
const slotSchema = z.object({
  date: isoDate,
  time: z.string().regex(/^\d{2}:\d{2}$/, 'Choose a time'),
  duration_minutes: appointmentFields.shape.duration_minutes,
  vet_id: z.string(),
  reason: appointmentFields.shape.reason,
});
type SlotInput = z.input<typeof slotSchema>;
type SlotOutput = z.output<typeof slotSchema>;

export interface SlotDefaults {
  date: string;
  time: string;
  durationMinutes: number;
  vetId: string | null;
}

export interface SlotResult {
  scheduled_at: string;
  duration_minutes: number;
  vet_id: string | null;
  reason: string | null;
}

interface BookingFormProps {
  defaults: SlotDefaults;
  /** Show the reason field (new bookings). */
  withReason: boolean;
  /** The booking being moved, left out of the overlap check. */
  excludeId?: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (result: SlotResult) => void;
  onCancel: () => void;
}

/** Day, time, length, vet (and reason); warns when the vet is already booked then. */
export function BookingForm(props: BookingFormProps) {
  const { defaults, withReason, excludeId, submitLabel, busy } = props;
  const form = useForm<SlotInput, unknown, SlotOutput>({
    resolver: zodResolver(slotSchema),
    defaultValues: {
      date: defaults.date,
      time: defaults.time,
      duration_minutes: defaults.durationMinutes,
      vet_id: defaults.vetId ?? '',
      reason: '',
    },
  });
  const { errors } = form.formState;
  const [date, time, duration, vetId] = useWatch({
    control: form.control,
    name: ['date', 'time', 'duration_minutes', 'vet_id'],
  });
  const staff = useApiQuery('staff.list', {});
  const vets = (staff.data ?? []).filter((member) => member.role === 'vet');
  const validDate = isoDate.safeParse(date).success;
  const day = useApiQuery('appointments.day', { date, timeZone: TIME_ZONE }, { enabled: validDate });
  const overlaps = useMemo(
    () =>
      findOverlaps(day.data ?? [], {
        vetId: vetId || null,
        start: new Date(`${date}T${time}`),
        minutes: duration,
        ...(excludeId ? { excludeId } : {}),
      }),
    [day.data, vetId, date, time, duration, excludeId],
  );
  const field = (name: keyof SlotInput) => {
    const error = errors[name]?.message;
    return {
      props: {
        id: `booking-${name}`,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error ? `booking-${name}-error` : undefined,
      },
      error: error ? (
        <span id={`booking-${name}-error`} className="field-error">
          {error}
        </span>
      ) : null,
    };
  };
  const dateField = field('date');
  const timeField = field('time');
  const durationField = field('duration_minutes');
  const vetField = field('vet_id');
  const reasonField = field('reason');
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          props.onSubmit({
            scheduled_at: new Date(`${values.date}T${values.time}`).toISOString(),
            duration_minutes: values.duration_minutes,
            vet_id: values.vet_id === '' ? null : values.vet_id,
            reason: values.reason,
          });
        })(event);
      }}
    >
      <div className="form-grid booking-grid">
        <div className="field">
          <label htmlFor="booking-date">Day</label>
          <input className="input" type="date" {...dateField.props} {...form.register('date')} />
          {dateField.error}
        </div>
        <div className="field">
          <label htmlFor="booking-time">Time</label>
          <input className="input" type="time" step={300} {...timeField.props} {...form.register('time')} />
          {timeField.error}
        </div>
        <div className="field">
          <label htmlFor="booking-duration_minutes">Length (minutes)</label>
          <input
            className="input"
            type="number"
            min={5}
            step={5}
            {...durationField.props}
            {...form.register('duration_minutes', { valueAsNumber: true })}
          />
          {durationField.error}
        </div>
        <div className="field">
          <label htmlFor="booking-vet_id">Vet</label>
          <select className="select" {...vetField.props} {...form.register('vet_id')}>
            <option value="">Unassigned</option>
            {vets.map((vet) => (
              <option key={vet.id} value={vet.id}>
                {vet.display_name}
              </option>
            ))}
          </select>
          {vetField.error}
        </div>
        {withReason ? (
          <div className="field span-all">
            <label htmlFor="booking-reason">Reason</label>
            <input
              className="input"
              placeholder="Vaccination, limping, check-up…"
              {...reasonField.props}
              {...form.register('reason')}
            />
            {reasonField.error}
          </div>
        ) : null}
      </div>
      {overlaps.length > 0 ? (
        <p className="warning-banner" role="status" data-testid="overlap-warning">
          ⚠ This vet is already booked then:{' '}
          {overlaps
            .map(
              (item) =>
                `${formatTime(item.scheduled_at)} ${item.patient_name ?? ''} (${item.duration_minutes ?? 15} min)`,
            )
            .join(', ')}
          . You can still book.
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
