import type { MedicalRecordRow, WithSync } from '../../../../core/api/views.js';
import { formatDateTime, humanize } from '../../ui/format.js';
import { PendingMark } from '../../ui/pending-mark.js';
import { EmptyState } from '../../ui/states.js';

const SOAP: { field: 'subjective' | 'objective' | 'assessment' | 'plan'; label: string }[] = [
  { field: 'subjective', label: 'S' },
  { field: 'objective', label: 'O' },
  { field: 'assessment', label: 'A' },
  { field: 'plan', label: 'P' },
];

function RecordBadge({ record }: { record: MedicalRecordRow }) {
  if (record.addendum_of) return <span className="badge badge-info">Addendum</span>;
  if (record.status === 'final') return <span className="badge badge-success">Final</span>;
  return <span className="badge badge-warning">Draft</span>;
}

/** Medical records, newest first, SOAP fields labelled; addenda sit under what they correct. */
export function RecordTimeline({ records }: { records: WithSync<MedicalRecordRow>[] }) {
  if (records.length === 0) return <EmptyState title="No medical records yet" />;
  const sorted = [...records].sort((a, b) => (b.visit_at ?? '').localeCompare(a.visit_at ?? ''));
  return (
    <ol className="timeline">
      {sorted.map((record) => (
        <li key={record.id} className={`timeline-item ${record.pending ? 'pending' : ''}`} data-testid="medical-record">
          <div className="row-between">
            <div className="row">
              <RecordBadge record={record} />
              <span className="badge">{humanize(record.record_type)}</span>
              <strong>{record.title ?? humanize(record.record_type)}</strong>
              <PendingMark pending={record.pending} />
            </div>
            <span className="muted timeline-date">
              {formatDateTime(record.visit_at)}
              {record.weight_kg ? ` · ${record.weight_kg} kg` : ''}
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
        </li>
      ))}
    </ol>
  );
}
