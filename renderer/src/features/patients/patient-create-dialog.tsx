import { newId } from '../../../../core/ids.js';
import { useMutate } from '../../api/use-mutate.js';
import { navigate } from '../../routing/routes.js';
import { Dialog } from '../../ui/dialog.js';
import { PatientForm } from './patient-form.js';

interface PatientCreateDialogProps {
  ownerId: string;
  ownerName: string;
  open: boolean;
  onClose: () => void;
}

/** Registers a patient for an owner, then opens the new chart. */
export function PatientCreateDialog({ ownerId, ownerName, open, onClose }: PatientCreateDialogProps) {
  const mutate = useMutate();
  return (
    <Dialog open={open} onClose={onClose} label="Add patient" wide>
      <div className="dialog-body">
        <div>
          <h2>Add patient</h2>
          <p className="muted">Owner: {ownerName}</p>
        </div>
        <PatientForm
          ownerId={ownerId}
          submitLabel="Register patient"
          busy={mutate.isPending}
          onCancel={onClose}
          onSave={(values) => {
            const id = newId();
            mutate.mutate(
              { name: 'patient.create', args: { ...values, id }, success: `${values.name} registered` },
              {
                onSuccess: () => {
                  onClose();
                  navigate({ name: 'patient', id });
                },
              },
            );
          }}
        />
      </div>
    </Dialog>
  );
}
