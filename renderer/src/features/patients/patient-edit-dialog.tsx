import type { PatientRow } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { showToast } from '../../ui/toast-store.js';
import { PatientForm } from './patient-form.js';

/** Edits a patient's details; only the fields staff changed are sent. */
export function PatientEditDialog({
  patient,
  open,
  onClose,
}: {
  patient: PatientRow;
  open: boolean;
  onClose: () => void;
}) {
  const mutate = useMutate();
  return (
    <Dialog open={open} onClose={onClose} label="Edit patient" wide>
      <div className="dialog-body">
        <h2>Edit {patient.name}</h2>
        <PatientForm
          ownerId={patient.owner_id}
          patient={patient}
          submitLabel="Save"
          cancelLabel="Discard changes"
          busy={mutate.isPending}
          onCancel={onClose}
          onSave={(_values, changes) => {
            // Status has its own dialog (with the date of death); the form never changes it.
            const edited = { ...changes };
            delete edited.status;
            if (Object.keys(edited).length === 0) {
              showToast('Nothing changed');
              onClose();
              return;
            }
            mutate.mutate(
              { name: 'patient.update', args: { id: patient.id, changes: edited }, success: 'Patient saved' },
              { onSuccess: onClose },
            );
          }}
        />
      </div>
    </Dialog>
  );
}
