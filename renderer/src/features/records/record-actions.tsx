import type { MedicalRecordRow } from '../../../../core/api/views.js';
import { FinalizeButton } from './finalize-button.js';
import type { ClinicalPermissions } from './use-clinical-permissions.js';

interface RecordActionsProps {
  record: MedicalRecordRow;
  permissions: ClinicalPermissions;
  onEdit: (record: MedicalRecordRow) => void;
  onAddendum: (record: MedicalRecordRow) => void;
}

/**
 * Edit and finalize a draft; correct a final record with an addendum. Addenda have none. Only
 * the actions the signed-in role may take are shown (the card's "New record" says why a
 * role cannot write at all).
 */
export function RecordActions({ record, permissions, onEdit, onAddendum }: RecordActionsProps) {
  if (record.addendum_of) return null;
  if (record.status === 'final') {
    if (!permissions.canAddendum) return null;
    return (
      <div className="row record-actions">
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            onAddendum(record);
          }}
        >
          Add addendum
        </button>
      </div>
    );
  }
  if (!permissions.canWrite && !permissions.canFinalize) return null;
  return (
    <div className="row record-actions">
      {permissions.canWrite ? (
        <button
          type="button"
          className="btn btn-sm"
          onClick={() => {
            onEdit(record);
          }}
        >
          Edit
        </button>
      ) : null}
      {permissions.canFinalize ? <FinalizeButton record={record} /> : null}
    </div>
  );
}
