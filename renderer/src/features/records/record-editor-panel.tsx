import { useCallback, useState } from 'react';
import type { MedicalRecordRow } from '../../../../core/api/views.js';
import { newId } from '../../../../core/ids.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { formatDateTime } from '../../ui/format.js';
import { showToast } from '../../ui/toast-store.js';
import { AddendumForm } from './addendum-form.js';
import { changedFields } from './record-form-values.js';
import { RecordForm } from './record-form.js';
import { SidePanel } from './side-panel.js';
import './records.css';

export type EditorMode =
  { kind: 'new' } | { kind: 'edit'; record: MedicalRecordRow } | { kind: 'addendum'; record: MedicalRecordRow };

interface RecordEditorPanelProps {
  patientId: string;
  patientName: string;
  /** What to write; null when the panel is closed. */
  mode: EditorMode | null;
  /** The signed-in staff member's id when they are a vet: the default vet of a new record. */
  defaultVetId: string | null;
  onClose: () => void;
}

function heading(mode: EditorMode): string {
  if (mode.kind === 'new') return 'New record';
  if (mode.kind === 'edit') return 'Edit draft';
  return 'Add addendum';
}

/**
 * The record editor as a panel docked on the right: the chart (alerts, history, weights) stays
 * in view beside it during the consult. Saves drafts and addenda; closing with unsaved text asks.
 */
export function RecordEditorPanel({ patientId, patientName, mode, defaultVetId, onClose }: RecordEditorPanelProps) {
  const mutate = useMutate();
  const staff = useApiQuery('staff.list', {}, { enabled: mode !== null });
  const vets = (staff.data ?? []).filter((member) => member.role === 'vet');
  const [dirty, setDirty] = useState(false);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  // One id per opened editor, so a retried save cannot create the record twice.
  const [recordId] = useState(() => newId());
  const close = useCallback(() => {
    setDirty(false);
    setConfirmDiscard(false);
    onClose();
  }, [onClose]);
  const requestClose = () => {
    if (dirty) setConfirmDiscard(true);
    else close();
  };
  const label = mode ? `${heading(mode)} for ${patientName}` : 'Record editor';
  return (
    <>
      <SidePanel open={mode !== null} label={label} onRequestClose={requestClose}>
        {mode ? (
          <>
            <header className="side-panel-header">
              <div className="stack-sm">
                <h2>{heading(mode)}</h2>
                <p className="muted record-editor-note">
                  {mode.kind === 'addendum' ? (
                    <>
                      Corrects the final record of {formatDateTime(mode.record.visit_at)}
                      {mode.record.title ? ` (“${mode.record.title}”)` : ''}. The original stays as written; the
                      addendum is final once saved, in your name.
                    </>
                  ) : (
                    <>
                      {patientName} · saved as a <strong>draft</strong>: it can be edited until a vet finalizes it.
                    </>
                  )}
                </p>
              </div>
              <button type="button" className="btn btn-ghost" aria-label="Close the editor" onClick={requestClose}>
                ✕
              </button>
            </header>
            {mode.kind === 'addendum' ? (
              <AddendumForm
                busy={mutate.isPending}
                onDirtyChange={setDirty}
                onCancel={requestClose}
                onSave={(values) => {
                  mutate.mutate(
                    {
                      name: 'medicalRecord.addAddendum',
                      args: { ...values, id: recordId, addendum_of: mode.record.id, patient_id: patientId },
                      success: 'Addendum added',
                    },
                    { onSuccess: close },
                  );
                }}
              />
            ) : (
              <RecordForm
                record={mode.kind === 'edit' ? mode.record : null}
                defaultVetId={defaultVetId}
                vets={vets}
                busy={mutate.isPending}
                submitLabel={mode.kind === 'edit' ? 'Save draft' : 'Save as draft'}
                onDirtyChange={setDirty}
                onCancel={requestClose}
                onSave={(values) => {
                  if (mode.kind === 'new') {
                    mutate.mutate(
                      {
                        name: 'medicalRecord.create',
                        args: { ...values, id: recordId, patient_id: patientId },
                        success: 'Draft saved',
                      },
                      { onSuccess: close },
                    );
                    return;
                  }
                  const changes = changedFields(mode.record, values);
                  if (Object.keys(changes).length === 0) {
                    showToast('Nothing changed');
                    close();
                    return;
                  }
                  mutate.mutate(
                    { name: 'medicalRecord.update', args: { id: mode.record.id, changes }, success: 'Draft saved' },
                    { onSuccess: close },
                  );
                }}
              />
            )}
          </>
        ) : null}
      </SidePanel>
      <ConfirmDialog
        open={confirmDiscard}
        title="Discard unsaved changes?"
        confirmLabel="Discard"
        cancelLabel="Keep writing"
        danger
        onCancel={() => {
          setConfirmDiscard(false);
        }}
        onConfirm={close}
      >
        <p>What you wrote in this {mode?.kind === 'addendum' ? 'addendum' : 'record'} has not been saved.</p>
      </ConfirmDialog>
    </>
  );
}
