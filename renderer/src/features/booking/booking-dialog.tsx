import { useState } from 'react';
import { newId } from '../../../../core/ids.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { localToday } from '../../ui/format.js';
import { BookingForm, type SlotDefaults } from './booking-form.js';
import { nextQuarterHour } from './overlap.js';
import { ownerPrefill } from '../owners/owner-prefill.js';
import { RegisterOwnerPanel } from '../owners/register-owner-panel.js';
import { PatientPicker, PickedPatientLine, type PickedPatient } from './patient-picker.js';

interface BookingDialogProps {
  open: boolean;
  onClose: () => void;
  /** The patient to book for; without one, staff pick a patient first. */
  patient: PickedPatient | null;
  /**
   * Day, time and vet to start from. A clicked slot (with a time) is kept; otherwise the next
   * free slot from that day on (today at the earliest) is proposed, of that vet or of any vet.
   */
  initial?: Partial<SlotDefaults> | undefined;
}

/** Books an appointment. */
export function BookingDialog({ open, onClose, patient, initial }: BookingDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} label="Book appointment" wide>
      <BookingPanel onClose={onClose} patient={patient} initial={initial} />
    </Dialog>
  );
}

function BookingPanel({ onClose, patient, initial }: Omit<BookingDialogProps, 'open'>) {
  const mutate = useMutate();
  const [picked, setPicked] = useState<PickedPatient | null>(patient);
  // A walk-in: register the owner and animal here, then book for that animal.
  const [registering, setRegistering] = useState<string | null>(null);
  const defaults: SlotDefaults = {
    date: initial?.date ?? localToday(),
    time: initial?.time ?? nextQuarterHour(),
    durationMinutes: initial?.durationMinutes ?? 15,
    vetId: initial?.vetId ?? null,
  };
  if (registering !== null) {
    return (
      <RegisterOwnerPanel
        prefill={ownerPrefill(registering)}
        onCancel={() => {
          setRegistering(null);
        }}
        onDone={({ patient: registered }) => {
          setRegistering(null);
          if (registered) setPicked(registered);
        }}
      />
    );
  }
  return (
    <div className="dialog-body">
      <h2>Book appointment{picked ? ` for ${picked.name}` : ''}</h2>
      {picked ? (
        <>
          {patient ? null : (
            <p className="row">
              <PickedPatientLine patient={picked} />
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => {
                  setPicked(null);
                }}
              >
                Change
              </button>
            </p>
          )}
          <BookingForm
            defaults={defaults}
            proposal={initial?.time === undefined ? { fromDay: initial?.date } : undefined}
            withReason
            submitLabel="Book"
            busy={mutate.isPending}
            onCancel={onClose}
            onSubmit={(slot) => {
              mutate.mutate(
                {
                  name: 'appointment.create',
                  args: { id: newId(), patient_id: picked.id, notes: null, ...slot },
                  success: `${picked.name} booked`,
                },
                { onSuccess: onClose },
              );
            }}
          />
        </>
      ) : (
        <>
          <PatientPicker onPick={setPicked} onRegister={setRegistering} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
    </div>
  );
}
