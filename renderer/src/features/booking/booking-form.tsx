import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { appointmentFields } from '../../../../core/domain/entities.js';
import { isoDate } from '../../../../core/domain/values.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { displayTimeZone } from '../../ui/display-settings.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatTime, localInstant } from '../../ui/format.js';
import { findOverlaps } from './overlap.js';

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
  const day = useApiQuery('appointments.day', { date, timeZone: displayTimeZone() }, { enabled: validDate });
  const overlaps = useMemo(
    () =>
      findOverlaps(day.data ?? [], {
        vetId: vetId || null,
        // Date and time are on the clinic's clock, like the day grid.
        start: new Date(localInstant(date, time) ?? Number.NaN),
        minutes: duration,
        ...(excludeId ? { excludeId } : {}),
      }),
    [day.data, vetId, date, time, duration, excludeId],
  );
  const error = (name: keyof SlotInput) => errors[name]?.message;
  const aria = (name: keyof SlotInput) => describedBy(`booking-${name}`, error(name));
  return (
    <form
      noValidate
      className="stack"
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          props.onSubmit({
            scheduled_at: new Date(localInstant(values.date, values.time) ?? Number.NaN).toISOString(),
            duration_minutes: values.duration_minutes,
            vet_id: values.vet_id === '' ? null : values.vet_id,
            reason: values.reason,
          });
        })(event);
      }}
    >
      <div className="form-grid booking-grid">
        <FormField id="booking-date" label="Day" error={error('date')}>
          <input className="input" type="date" {...aria('date')} {...form.register('date')} />
        </FormField>
        <FormField id="booking-time" label="Time" error={error('time')}>
          <input className="input" type="time" step={300} {...aria('time')} {...form.register('time')} />
        </FormField>
        <FormField id="booking-duration_minutes" label="Length (minutes)" error={error('duration_minutes')}>
          <input
            className="input"
            type="number"
            min={5}
            step={5}
            {...aria('duration_minutes')}
            {...form.register('duration_minutes', { valueAsNumber: true })}
          />
        </FormField>
        <FormField id="booking-vet_id" label="Vet" error={error('vet_id')}>
          <select className="select" {...aria('vet_id')} {...form.register('vet_id')}>
            <option value="">Unassigned</option>
            {vets.map((vet) => (
              <option key={vet.id} value={vet.id}>
                {vet.display_name}
              </option>
            ))}
          </select>
        </FormField>
        {withReason ? (
          <FormField id="booking-reason" label="Reason" error={error('reason')} className="span-all">
            <input
              className="input"
              placeholder="Vaccination, limping, check-up…"
              {...aria('reason')}
              {...form.register('reason')}
            />
          </FormField>
        ) : null}
      </div>
      {overlaps.length > 0 ? (
        <p className="warning-banner" role="status" data-testid="overlap-warning">
          ⚠ This vet is already booked then:{' '}
          {overlaps
            .map((item) => `${formatTime(item.scheduled_at)} ${item.patient_name ?? ''} (${item.duration_minutes} min)`)
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
