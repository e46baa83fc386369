import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { DayAppointment } from '../../../../core/api/views.js';
import { appointmentFields } from '../../../../core/domain/entities.js';
import { useMutate } from '../../api/use-mutate.js';
import { DialogForm } from '../../ui/dialog-form.js';
import { describedBy, FormField } from '../../ui/form-field.js';
import { useDirtyForm } from '../../ui/dirty-forms.js';

/** The fields `appointment.update` edits, with its rules (caps, blank means none). */
const editSchema = appointmentFields.pick({ reason: true, notes: true });
type EditInput = z.input<typeof editSchema>;
type EditOutput = z.output<typeof editSchema>;

interface AppointmentEditProps {
  appointment: DayAppointment;
  onDone: () => void;
}

/**
 * Edits a booking's reason and notes in the booking's popup. Only changed fields are sent; the
 * workstation adds what it showed as their base, so a concurrent edit of the notes elsewhere is
 * kept beside this one rather than lost.
 */
export function AppointmentEdit({ appointment, onDone }: AppointmentEditProps) {
  const mutate = useMutate();
  const form = useForm<EditInput, unknown, EditOutput>({
    resolver: zodResolver(editSchema),
    defaultValues: { reason: appointment.reason ?? '', notes: appointment.notes ?? '' },
  });
  useDirtyForm(form.formState.isDirty);
  const { errors } = form.formState;
  const error = (name: keyof EditInput) => errors[name]?.message;
  return (
    <DialogForm
      title={`Reason and notes · ${appointment.patient_name ?? 'Unknown patient'}`}
      submitLabel="Save"
      pendingLabel="Saving…"
      pending={mutate.isPending}
      onCancel={onDone}
      onSubmit={(event) => {
        void form.handleSubmit((values) => {
          const changes: Partial<EditOutput> = {};
          if (values.reason !== appointment.reason) changes.reason = values.reason;
          if (values.notes !== appointment.notes) changes.notes = values.notes;
          if (Object.keys(changes).length === 0) {
            onDone();
            return;
          }
          mutate.mutate(
            { name: 'appointment.update', args: { id: appointment.id, changes }, success: 'Booking updated' },
            { onSuccess: onDone },
          );
        })(event);
      }}
    >
      <FormField id="appointment-reason" label="Reason" error={error('reason')}>
        <input
          className="input"
          autoFocus
          {...describedBy('appointment-reason', error('reason'))}
          {...form.register('reason')}
        />
      </FormField>
      <FormField id="appointment-notes" label="Notes" error={error('notes')}>
        <textarea
          className="textarea"
          rows={4}
          {...describedBy('appointment-notes', error('notes'))}
          {...form.register('notes')}
        />
      </FormField>
    </DialogForm>
  );
}
