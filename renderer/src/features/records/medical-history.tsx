import { useCallback, useMemo, useState } from 'react';
import type { MedicalRecordRow, WithSync } from '../../../../core/api/views.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { showToast } from '../../ui/toast-store.js';
import { GuardedButton } from './guarded-button.js';
import { RecordActions } from './record-actions.js';
import { RecordEditorPanel, type EditorMode } from './record-editor-panel.js';
import { RecordTimeline } from './record-timeline.js';
import type { WeightUnit } from '../patients/weight-scale.js';
import { useClinicalPermissions, WRITE_REASON } from './use-clinical-permissions.js';
import { useNewRecordShortcut } from './use-new-record-shortcut.js';

interface MedicalHistoryProps {
  patientId: string;
  patientName: string;
  records: WithSync<MedicalRecordRow>[];
  /** The patient's weight unit, the one its header and weight curve use. */
  weightUnit: WeightUnit;
}

/** The chart's medical-history card: its heading, "New record" (`n`), the timeline and the editor. */
export function MedicalHistory({ patientId, patientName, records, weightUnit }: MedicalHistoryProps) {
  const permissions = useClinicalPermissions();
  const staff = useApiQuery('staff.list', {});
  const staffNames = useMemo(
    () => new Map((staff.data ?? []).map((member) => [member.id, member.display_name ?? member.username ?? ''])),
    [staff.data],
  );
  const [mode, setMode] = useState<EditorMode | null>(null);
  // Counts editors opened, so each one starts fresh (a new record id, empty fields).
  const [editorKey, setEditorKey] = useState(0);
  const open = useCallback((next: EditorMode) => {
    setEditorKey((key) => key + 1);
    setMode(next);
  }, []);
  const { canWrite } = permissions;
  const startNew = useCallback(() => {
    if (canWrite) open({ kind: 'new' });
    else showToast(WRITE_REASON);
  }, [canWrite, open]);
  useNewRecordShortcut(startNew);
  const defaultVetId = permissions.staff.role === 'vet' ? permissions.staff.id : null;
  return (
    <>
      <div className="row-between records-heading">
        <h2 id="records-title" className="card-title">
          Medical history <span className="badge">{records.length}</span>
        </h2>
        <GuardedButton allowed={canWrite} reason={WRITE_REASON} className="btn btn-primary" onClick={startNew}>
          New record <kbd aria-hidden="true">n</kbd>
        </GuardedButton>
      </div>
      <RecordTimeline
        records={records}
        staffNames={staffNames}
        weightUnit={weightUnit}
        actions={(record) => (
          <RecordActions
            record={record}
            permissions={permissions}
            onEdit={(target) => {
              open({ kind: 'edit', record: target });
            }}
            onAddendum={(target) => {
              open({ kind: 'addendum', record: target });
            }}
          />
        )}
      />
      <RecordEditorPanel
        key={editorKey}
        patientId={patientId}
        patientName={patientName}
        mode={mode}
        defaultVetId={defaultVetId}
        onClose={() => {
          setMode(null);
        }}
      />
    </>
  );
}
