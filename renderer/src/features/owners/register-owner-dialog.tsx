import { navigate } from '../../routing/routes.js';
import { Dialog } from '../../ui/dialog.js';
import type { OwnerFormValues } from './owner-form.js';
import { RegisterOwnerPanel } from './register-owner-panel.js';

interface RegisterOwnerDialogProps {
  open: boolean;
  onClose: () => void;
  prefill?: OwnerFormValues;
}

/** Registers an owner and their animal, then opens the new chart (or the owner, when skipped). */
export function RegisterOwnerDialog({ open, onClose, prefill = {} }: RegisterOwnerDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} label="Register owner" wide>
      <RegisterOwnerPanel
        prefill={prefill}
        onCancel={onClose}
        onDone={({ ownerId, patient }) => {
          onClose();
          navigate(patient ? { name: 'patient', id: patient.id } : { name: 'owner', id: ownerId });
        }}
      />
    </Dialog>
  );
}
