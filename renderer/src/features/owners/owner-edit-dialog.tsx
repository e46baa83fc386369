import type { OwnerRow } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';
import { Dialog } from '../../ui/dialog.js';
import { showToast } from '../../ui/toast-store.js';
import { OwnerForm } from './owner-form.js';

export function OwnerEditDialog({ owner, open, onClose }: { owner: OwnerRow; open: boolean; onClose: () => void }) {
  const mutate = useMutate();
  return (
    <Dialog open={open} onClose={onClose} label="Edit owner" wide>
      <div className="dialog-body">
        <h2>Edit owner</h2>
        <OwnerForm
          initial={owner}
          submitLabel="Save"
          cancelLabel="Discard changes"
          busy={mutate.isPending}
          onCancel={onClose}
          onSave={(_values, changes) => {
            if (Object.keys(changes).length === 0) {
              showToast('Nothing changed');
              onClose();
              return;
            }
            mutate.mutate(
              { name: 'owner.update', args: { id: owner.id, changes }, success: 'Owner saved' },
              { onSuccess: onClose },
            );
          }}
        />
      </div>
    </Dialog>
  );
}
