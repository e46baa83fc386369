import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, type ReactNode } from 'react';
import type { MedicalRecordRow, WithSync } from '../../../../core/api/views.js';
import { EmptyState } from '../../ui/states.js';
import { useDocumentOffset } from '../../ui/use-document-offset.js';
import { useFocusRange } from '../../ui/use-focus-range.js';
import type { WeightUnit } from '../patients/weight-scale.js';
import { RecordEntry } from './record-entry.js';

interface RecordTimelineProps {
  records: WithSync<MedicalRecordRow>[];
  staffNames: ReadonlyMap<string, string>;
  /** The unit record weights show in: the patient's (grams for a small animal). */
  weightUnit: WeightUnit;
  actions: (record: WithSync<MedicalRecordRow>) => ReactNode;
}

type Entry = WithSync<MedicalRecordRow>;

/** Records vary from one line to long SOAP notes: a generous guess keeps the first scroll steady. */
const ESTIMATED_HEIGHT = 220;
/** The gap between entries, in px: --space-3 at the default root size, as the flow layout had. */
const GAP = 12;
/** Entries drawn beyond each edge of the window, so Tab always finds the next entry's buttons. */
const OVERSCAN = 4;

const byVisit = (a: MedicalRecordRow, b: MedicalRecordRow) => a.visit_at.localeCompare(b.visit_at);

/** Top-level records newest first, each with the addenda that correct it, oldest first. */
function groupRecords(records: readonly Entry[]): { root: Entry; addenda: Entry[] }[] {
  const ids = new Set(records.map((record) => record.id));
  const addenda = new Map<string, Entry[]>();
  for (const record of records) {
    if (!record.addendum_of || !ids.has(record.addendum_of)) continue;
    addenda.set(record.addendum_of, [...(addenda.get(record.addendum_of) ?? []), record]);
  }
  return records
    .filter((record) => !record.addendum_of || !ids.has(record.addendum_of))
    .sort((a, b) => byVisit(b, a))
    .map((root) => ({ root, addenda: [...(addenda.get(root.id) ?? [])].sort(byVisit) }));
}

/**
 * Medical records, newest first. Addenda sit under the record they correct, oldest first (the
 * order the corrections were made); one whose record is not here is shown on its own.
 *
 * A long-lived patient can have a thousand records, so only the entries near the window are in
 * the page: the list scrolls with the page itself (no box with its own scroll bar inside the
 * chart), entries are measured as they are drawn (their heights vary), and each one carries its
 * position in the whole list for assistive technology.
 */
export function RecordTimeline({ records, staffNames, weightUnit, actions }: RecordTimelineProps) {
  const groups = useMemo(() => groupRecords(records), [records]);
  const listRef = useRef<HTMLOListElement>(null);
  const scrollMargin = useDocumentOffset(listRef);
  const focusRange = useFocusRange();
  const virtualizer = useWindowVirtualizer({
    count: groups.length,
    estimateSize: () => ESTIMATED_HEIGHT,
    gap: GAP,
    overscan: OVERSCAN,
    scrollMargin,
    rangeExtractor: focusRange.rangeExtractor,
    // Keyed by record, so a new record at the top does not inherit the measured height of another.
    getItemKey: (index) => groups[index]?.root.id ?? index,
  });
  if (groups.length === 0) return <EmptyState title="No medical records yet" />;
  return (
    <ol
      ref={listRef}
      onFocus={focusRange.onFocus}
      className="timeline vlist"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const { root, addenda } = groups[item.index]!;
        return (
          <RecordEntry
            key={item.key}
            record={root}
            staffNames={staffNames}
            weightUnit={weightUnit}
            actions={actions(root)}
            placement={{
              ref: virtualizer.measureElement,
              index: item.index,
              offset: item.start - scrollMargin,
              setSize: groups.length,
            }}
          >
            {addenda.length > 0 ? (
              <ol className="timeline timeline-addenda" aria-label="Addenda">
                {addenda.map((addendum) => (
                  <RecordEntry key={addendum.id} record={addendum} staffNames={staffNames} weightUnit={weightUnit} />
                ))}
              </ol>
            ) : null}
          </RecordEntry>
        );
      })}
    </ol>
  );
}
