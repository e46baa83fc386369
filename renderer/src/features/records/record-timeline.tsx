import type { ReactNode } from 'react';
import type { MedicalRecordRow, WithSync } from '../../../../core/api/views.js';
import { EmptyState } from '../../ui/states.js';
import { RecordEntry } from './record-entry.js';

interface RecordTimelineProps {
  records: WithSync<MedicalRecordRow>[];
  staffNames: ReadonlyMap<string, string>;
  actions: (record: WithSync<MedicalRecordRow>) => ReactNode;
}

const byVisit = (a: MedicalRecordRow, b: MedicalRecordRow) => (a.visit_at ?? '').localeCompare(b.visit_at ?? '');

/**
 * Medical records, newest first. Addenda sit under the record they correct, oldest first (the
 * order the corrections were made); one whose record is not here is shown on its own.
 */
export function RecordTimeline({ records, staffNames, actions }: RecordTimelineProps) {
  if (records.length === 0) return <EmptyState title="No medical records yet" />;
  const ids = new Set(records.map((record) => record.id));
  const addenda = new Map<string, WithSync<MedicalRecordRow>[]>();
  for (const record of records) {
    if (!record.addendum_of || !ids.has(record.addendum_of)) continue;
    addenda.set(record.addendum_of, [...(addenda.get(record.addendum_of) ?? []), record]);
  }
  const roots = records
    .filter((record) => !record.addendum_of || !ids.has(record.addendum_of))
    .sort((a, b) => byVisit(b, a));
  return (
    <ol className="timeline">
      {roots.map((record) => {
        const corrections = [...(addenda.get(record.id) ?? [])].sort(byVisit);
        return (
          <RecordEntry key={record.id} record={record} staffNames={staffNames} actions={actions(record)}>
            {corrections.length > 0 ? (
              <ol className="timeline timeline-addenda" aria-label="Addenda">
                {corrections.map((addendum) => (
                  <RecordEntry key={addendum.id} record={addendum} staffNames={staffNames} />
                ))}
              </ol>
            ) : null}
          </RecordEntry>
        );
      })}
    </ol>
  );
}
