import { useState } from 'react';
import type { MedicalRecordRow } from '../../../../core/api/views.js';
import { newId } from '../../../../core/ids.js';
import { useMutate } from '../../api/use-mutate.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { formatDate, humanize } from '../../ui/format.js';

interface BillRecordsProps {
  billId: string;
  linked: (MedicalRecordRow & { link_id: string })[];
  /** The patient's records, to link from; null when the bill has no patient. */
  available: MedicalRecordRow[] | null;
  editable: boolean;
}

const recordLabel = (record: MedicalRecordRow) =>
  `${formatDate(record.visit_at)} · ${humanize(record.record_type)}${record.title ? ` · ${record.title}` : ''}`;

/** Medical records this bill is for: link from the patient's history, unlink (asks). */
export function BillRecords({ billId, linked, available, editable }: BillRecordsProps) {
  const mutate = useMutate();
  const [choice, setChoice] = useState('');
  const [unlinking, setUnlinking] = useState<(MedicalRecordRow & { link_id: string }) | null>(null);
  const linkedIds = new Set(linked.map((record) => record.id));
  const candidates = (available ?? []).filter((record) => !linkedIds.has(record.id));
  return (
    <div className="stack-sm">
      {linked.length === 0 ? (
        <p className="muted">No medical records linked.</p>
      ) : (
        <ul className="bill-records">
          {linked.map((record) => (
            <li key={record.link_id} className="row-between">
              <span>{recordLabel(record)}</span>
              {editable ? (
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => {
                    setUnlinking(record);
                  }}
                >
                  Unlink
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {editable && available !== null ? (
        <form
          className="row"
          onSubmit={(event) => {
            event.preventDefault();
            if (!choice) return;
            mutate.mutate(
              { name: 'bill.linkRecord', args: { id: newId(), bill_id: billId, medical_record_id: choice } },
              {
                onSuccess: () => {
                  setChoice('');
                },
              },
            );
          }}
        >
          <label className="visually-hidden" htmlFor="link-record">
            Medical record to link
          </label>
          <select
            id="link-record"
            className="select grow bill-record-select"
            value={choice}
            disabled={candidates.length === 0}
            onChange={(event) => {
              setChoice(event.target.value);
            }}
          >
            <option value="">
              {candidates.length === 0 ? 'No other records of this patient' : 'Choose a record of this patient…'}
            </option>
            {candidates.map((record) => (
              <option key={record.id} value={record.id}>
                {recordLabel(record)}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-sm" disabled={!choice || mutate.isPending}>
            Link record
          </button>
        </form>
      ) : null}
      {editable && available === null ? (
        <p className="muted">
          This bill is for no particular patient. To link a visit's records, make the bill from the patient's chart.
        </p>
      ) : null}
      <ConfirmDialog
        open={unlinking !== null}
        title="Unlink this record?"
        confirmLabel="Unlink"
        danger
        busy={mutate.isPending}
        onCancel={() => {
          setUnlinking(null);
        }}
        onConfirm={() => {
          if (!unlinking) return;
          mutate.mutate(
            { name: 'bill.unlinkRecord', args: { id: unlinking.link_id }, success: 'Record unlinked' },
            {
              onSuccess: () => {
                setUnlinking(null);
              },
            },
          );
        }}
      >
        <p>{unlinking ? recordLabel(unlinking) : ''} stays in the medical history; only its link to this bill goes.</p>
      </ConfirmDialog>
    </div>
  );
}
