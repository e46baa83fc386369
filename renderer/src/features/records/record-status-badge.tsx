import type { MedicalRecordRow } from '../../../../core/api/views.js';

/** Draft, final or addendum: the first thing to read about a record. */
export function RecordStatusBadge({ record }: { record: MedicalRecordRow }) {
  if (record.addendum_of) return <span className="badge badge-info">Addendum</span>;
  if (record.status === 'final') return <span className="badge badge-success">Final</span>;
  return <span className="badge badge-warning">Draft</span>;
}
