import { useState } from 'react';
import type { MedicalRecordRow } from '../../../../core/api/views.js';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';

/**
 * Finalizes a draft after asking: a final record is signed and can never change again. Shown
 * only to roles that may finalize (RecordActions decides).
 */
export function FinalizeButton({ record }: { record: MedicalRecordRow }) {
  const mutate = useMutate();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-sm btn-primary"
        onClick={() => {
          setAsking(true);
        }}
      >
        Finalize…
      </button>
      <ConfirmDialog
        open={asking}
        title="Finalize this record?"
        confirmLabel="Finalize"
        cancelLabel="Not yet"
        busy={mutate.isPending}
        onCancel={() => {
          setAsking(false);
        }}
        onConfirm={() => {
          mutate.mutate(
            { name: 'medicalRecord.finalize', args: { id: record.id }, success: 'Record finalized' },
            {
              onSettled: () => {
                setAsking(false);
              },
            },
          );
        }}
      >
        <p>
          The record is signed in your name and <strong>can no longer be changed</strong>. Corrections are then added as
          addenda, shown under it.
        </p>
      </ConfirmDialog>
    </>
  );
}
