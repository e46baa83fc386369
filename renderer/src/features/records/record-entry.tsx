import type { ReactNode } from 'react';
import type { MedicalRecordRow, WithSync } from '../../../../core/api/views.js';
import { formatDateTime, humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { formatWeight, type WeightUnit } from '../patients/weight-scale.js';
import { RecordStatusBadge } from './record-status-badge.js';

const SOAP: { field: 'subjective' | 'objective' | 'assessment' | 'plan'; label: string }[] = [
  { field: 'subjective', label: 'S' },
  { field: 'objective', label: 'O' },
  { field: 'assessment', label: 'A' },
  { field: 'plan', label: 'P' },
];

interface RecordEntryProps {
  record: WithSync<MedicalRecordRow>;
  staffNames: ReadonlyMap<string, string>;
  /** The unit its weight shows in: the patient's, as on its header and weight curve. */
  weightUnit: WeightUnit;
  /** Buttons for this record (edit, finalize, add addendum). */
  actions?: ReactNode;
  /** Addenda correcting this record, shown nested under it. */
  children?: ReactNode;
  /** Set by a virtualised timeline: its measuring ref, the entry's index, offset (px) and list size. */
  placement?: { ref: (node: HTMLLIElement | null) => void; index: number; offset: number; setSize: number };
}

function statusClass(record: MedicalRecordRow): string {
  if (record.addendum_of) return 'record-addendum';
  return record.status === 'final' ? 'record-final' : 'record-draft';
}

/** One record of the timeline: badges, title, who and when, the SOAP notes, then its addenda. */
export function RecordEntry({ record, staffNames, weightUnit, actions, children, placement }: RecordEntryProps) {
  const vet = record.vet_id ? staffNames.get(record.vet_id) : undefined;
  const signer = record.finalized_by ? (staffNames.get(record.finalized_by) ?? 'a former vet') : null;
  return (
    <li
      className={`timeline-item ${statusClass(record)} ${record.pending ? 'pending' : ''}`}
      data-testid={record.addendum_of ? 'medical-record-addendum' : 'medical-record'}
      data-status={record.addendum_of ? 'addendum' : record.status}
      ref={placement?.ref}
      data-index={placement?.index}
      aria-posinset={placement ? placement.index + 1 : undefined}
      aria-setsize={placement?.setSize}
      style={placement ? { transform: `translateY(${placement.offset}px)` } : undefined}
    >
      <div className="row-between">
        <div className="row">
          <RecordStatusBadge record={record} />
          {record.addendum_of ? null : <span className="badge">{humanize(record.record_type)}</span>}
          {record.title || !record.addendum_of ? <strong>{record.title ?? humanize(record.record_type)}</strong> : null}
          <PendingMark pending={record.pending} />
        </div>
        <span className="muted timeline-date">
          {formatDateTime(record.visit_at)}
          {vet ? ` · ${vet}` : ''}
          {record.weight_kg ? ` · ${formatWeight(record.weight_kg, weightUnit)}` : ''}
        </span>
      </div>
      <dl className="soap">
        {SOAP.filter(({ field }) => record[field]).map(({ field, label }) => (
          <div key={field} className="soap-row">
            <dt title={humanize(field)}>{label}</dt>
            <dd>{record[field]}</dd>
          </div>
        ))}
      </dl>
      {signer || actions ? (
        <div className="row-between record-footer">
          <span className="muted record-signature">
            {signer ? `Signed by ${signer}, ${formatDateTime(record.finalized_at)}` : 'Draft: can still be edited'}
          </span>
          {actions}
        </div>
      ) : null}
      {children}
    </li>
  );
}
