import type { DayAppointment } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { toLocalDay } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { BookingForm } from './booking-form.js';
import { localTime } from './overlap.js';

/** Moves a booking: another time, length or vet. Only what changed is sent. */
export function RescheduleDialog({
  appointment,
  onClose,
}: {
  appointment: DayAppointment | null;
  onClose: () => void;
}) {
  const mutate = useMutate();
  const start = appointment?.scheduled_at ? new Date(appointment.scheduled_at) : new Date();
  return (
    <Dialog open={appointment !== null} onClose={onClose} label="Reschedule appointment" wide>
      {appointment ? (
        <div className="dialog-body">
          <h2>Reschedule {appointment.patient_name ?? 'appointment'}</h2>
          <BookingForm
            defaults={{
              date: toLocalDay(start),
              time: localTime(start),
              durationMinutes: appointment.duration_minutes,
              vetId: appointment.vet_id,
            }}
            withReason={false}
            excludeId={appointment.id}
            submitLabel="Move booking"
            busy={mutate.isPending}
            onCancel={onClose}
            onSubmit={(slot) => {
              const changes: Record<string, unknown> = {};
              if (
                slot.scheduled_at !== (appointment.scheduled_at && new Date(appointment.scheduled_at).toISOString())
              ) {
                changes['scheduled_at'] = slot.scheduled_at;
              }
              if (slot.duration_minutes !== appointment.duration_minutes) {
                changes['duration_minutes'] = slot.duration_minutes;
              }
              if (slot.vet_id !== appointment.vet_id) changes['vet_id'] = slot.vet_id;
              if (Object.keys(changes).length === 0) {
                showToast('Nothing changed');
                onClose();
                return;
              }
              mutate.mutate(
                {
                  name: 'appointment.reschedule',
                  args: { id: appointment.id, changes },
                  success: 'Appointment moved',
                },
                { onSuccess: onClose },
              );
            }}
          />
        </div>
      ) : null}
    </Dialog>
  );
}
