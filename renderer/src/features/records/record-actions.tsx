import type { MedicalRecordRow } from '../../../../core/api/views.js';
import { FinalizeButton } from './finalize-button.js';
import { GuardedButton } from './guarded-button.js';
import { WRITE_REASON, type ClinicalPermissions } from './use-clinical-permissions.js';

interface RecordActionsProps {
  record: MedicalRecordRow;
  permissions: ClinicalPermissions;
  onEdit: (record: MedicalRecordRow) => void;
  onAddendum: (record: MedicalRecordRow) => void;
}

/** Edit and finalize a draft; correct a final record with an addendum. Addenda have none. */
export function RecordActions({ record, permissions, onEdit, onAddendum }: RecordActionsProps) {
  if (record.addendum_of) return null;
  if (record.status === 'final') {
    return (
      <div className="row record-actions">
        <GuardedButton
          allowed={permissions.canWrite}
          reason={WRITE_REASON}
          onClick={() => {
            onAddendum(record);
          }}
        >
          Add addendum
        </GuardedButton>
      </div>
    );
  }
  return (
    <div className="row record-actions">
      <GuardedButton
        allowed={permissions.canWrite}
        reason={WRITE_REASON}
        onClick={() => {
          onEdit(record);
        }}
      >
        Edit
      </GuardedButton>
      <FinalizeButton record={record} allowed={permissions.canFinalize} />
    </div>
  );
}
