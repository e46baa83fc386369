import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { appointmentFields } from '../../../../core/domain/entities.js';
import { FREE_SLOT_SEARCH_DAYS, type FreeSlot } from '../../../../core/domain/free-slot.js';
import { isoDate } from '../../../../core/domain/values.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { displayTimeZone } from '../../ui/display-settings.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { formatLongDay, formatTime, localInstant } from '../../ui/format.js';
import { findOverlaps } from './overlap.js';
import { useFreeSlot } from './use-free-slot.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

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

/**
 * Propose the next free slot (new bookings): the day and time follow the vet and the length
 * until staff set a time or day themselves. Without a vet in the defaults, the vet free first is
 * filled in ("any vet") until staff pick one.
 */
export interface SlotProposal {
  /** Search from this day (a day viewed in the future); today when absent or past. */
  fromDay?: string | undefined;
}

interface BookingFormProps {
  defaults: SlotDefaults;
  proposal?: SlotProposal | undefined;
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
  useDirtyForm(form.formState.isDirty);
  const { errors } = form.formState;
  const [date, time, duration, vetId] = useWatch({
    control: form.control,
    name: ['date', 'time', 'duration_minutes', 'vet_id'],
  });
  const staff = useApiQuery('staff.list', {});
  const vets = (staff.data ?? []).filter((member) => member.role === 'vet');
  const [timeChosen, setTimeChosen] = useState(!props.proposal);
  const [anyVet, setAnyVet] = useState(defaults.vetId === null);
  // Keyed on the vets' ids, not the list's identity: staff.list answers a new array on each read.
  const vetKey = vets.map((vet) => vet.id).join(' ');
  const vetIds = useMemo(() => {
    if (!anyVet) return [vetId === '' ? null : vetId];
    const ids = vetKey.split(' ').filter(Boolean);
    // A practice without vets books unassigned.
    return ids.length > 0 ? ids : [null];
  }, [anyVet, vetId, vetKey]);
  const free = useFreeSlot({
    fromDay: props.proposal?.fromDay,
    vetIds,
    durationMinutes: Number.isInteger(duration) && duration > 0 ? duration : 15,
    enabled: !timeChosen && (!anyVet || staff.data !== undefined),
  });
  const proposed = timeChosen ? null : free.slot;
  useEffect(() => {
    if (!proposed) return;
    form.setValue('date', proposed.date, { shouldValidate: true });
    form.setValue('time', proposed.time, { shouldValidate: true });
    if (anyVet) form.setValue('vet_id', proposed.vetId ?? '');
  }, [proposed, anyVet, form]);
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
  // Staff typing a day or time keep it; picking a vet ends "any vet".
  const chooseTime = () => {
    setTimeChosen(true);
  };
  const chooseVet = () => {
    setAnyVet(false);
  };
  // onInput as well as onChange: retyping the very time proposed fires no change (the value is
  // the same), yet staff chose it and it must stay when the length or the vet changes.
  const register = (name: 'date' | 'time' | 'vet_id', onChosen: () => void) => ({
    ...form.register(name, { onChange: onChosen }),
    onInput: onChosen,
  });
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
          <input className="input" type="date" {...aria('date')} {...register('date', chooseTime)} />
        </FormField>
        <FormField id="booking-time" label="Time" error={error('time')}>
          <input className="input" type="time" step={300} {...aria('time')} {...register('time', chooseTime)} />
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
          <select className="select" {...aria('vet_id')} {...register('vet_id', chooseVet)}>
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
      {props.proposal ? (
        <ProposalLine
          slot={proposed}
          loading={free.loading || (anyVet && staff.data === undefined)}
          chosen={timeChosen}
          vetName={(id) => vets.find((vet) => vet.id === id)?.display_name ?? null}
          onPropose={() => {
            setTimeChosen(false);
          }}
        />
      ) : null}
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

interface ProposalLineProps {
  slot: FreeSlot | null;
  loading: boolean;
  /** Staff set the time themselves: offer to go back to the proposal. */
  chosen: boolean;
  vetName: (id: string) => string | null;
  onPropose: () => void;
}

/** What the form proposes, or the way back to a proposal once staff chose a time. */
function ProposalLine({ slot, loading, chosen, vetName, onPropose }: ProposalLineProps) {
  if (chosen) {
    return (
      <p className="row proposal-line">
        <button type="button" className="btn btn-sm" onClick={onPropose}>
          Next free slot
        </button>
      </p>
    );
  }
  if (loading || !slot) {
    return (
      <p className="proposal-line muted" role="status" data-testid="free-slot">
        {loading
          ? 'Looking for the next free slot…'
          : `No free slot in the next ${FREE_SLOT_SEARCH_DAYS} days: choose a time.`}
      </p>
    );
  }
  return (
    <p className="proposal-line" role="status" data-testid="free-slot">
      Next free slot:{' '}
      <strong>
        {formatLongDay(slot.date)}, {formatTime(slot.startsAt)}
      </strong>
      {slot.vetId ? ` with ${vetName(slot.vetId) ?? 'the vet'}` : ''}.
    </p>
  );
}
