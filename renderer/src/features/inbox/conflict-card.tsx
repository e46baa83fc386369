import type { ConflictRow, StaffRow } from '../../../../core/api/views.js';
import type { ConflictKind } from '../../../../core/domain/enums.js';
import type { MutateArgs } from '../../../../core/mutations/registry.js';
import { useMutate } from '../../api/use-mutate.js';
import { formatDateTime, humanize } from '../../ui/format.js';
import { ConflictRecord } from './conflict-record.js';
import { isRestorable, restoreArgs } from './conflict-restore.js';
import { valueText } from './value-text.js';

const KIND_TEXT: Record<ConflictKind, string> = {
  field: 'Two people changed the same field',
  clinical_text: 'Two people edited the same clinical text',
  duplicate: 'Possible duplicate record',
  overlap: 'Overlapping appointments',
  delete_vs_edit: 'Deleted on one workstation while edited on another',
  edit_vs_delete: 'Edited after someone deleted it',
};

/** One conflict the server settled: both values, who wrote each and when, and the choices. */
export function ConflictCard({ conflict, staff }: { conflict: ConflictRow; staff: StaffRow[] }) {
  const mutate = useMutate();
  const who = (id: string | null) => staff.find((member) => member.id === id)?.display_name ?? 'someone';
  // Values are JSON columns: whatever the API typed them as, they are shown and sent as read.
  const winner: unknown = conflict.winner_value;
  const loser: unknown = conflict.loser_value;
  const restorable = isRestorable(conflict);
  // Offered only for a restore that can be sent at all (see restoreArgs).
  const restore = restoreArgs(conflict);
  const resolve = (args: MutateArgs<'conflict.resolve'>, success: string) => {
    mutate.mutate({ name: 'conflict.resolve', args, success });
  };
  return (
    <article className="card inbox-card" data-testid="conflict">
      <header className="row-between">
        <h3>{KIND_TEXT[conflict.kind]}</h3>
        {/* When the server settled it: the moment the later of the two changes arrived. */}
        <time className="muted" dateTime={conflict.created_at ?? undefined} title="When the server settled it">
          {formatDateTime(conflict.created_at)}
        </time>
      </header>
      <p className="muted">
        {humanize(conflict.table_name)}
        {conflict.field ? ` · ${humanize(conflict.field)}` : ''}
        <ConflictRecord table={conflict.table_name} id={conflict.row_id} />
      </p>
      {restorable ? (
        <div className="conflict-values">
          <div className="conflict-value conflict-kept">
            <span className="conflict-label">Kept · {who(conflict.winner_staff_id)}</span>
            <p className="prewrap">{valueText(winner)}</p>
          </div>
          <div className="conflict-value conflict-lost">
            <span className="conflict-label">Not applied · {who(conflict.loser_staff_id)}</span>
            <p className="prewrap">{valueText(loser)}</p>
          </div>
        </div>
      ) : null}
      <div className="row">
        {restorable ? (
          <>
            <button
              type="button"
              className="btn btn-primary"
              disabled={mutate.isPending}
              onClick={() => {
                resolve({ id: conflict.id, action: 'keep' }, 'Kept the current value');
              }}
            >
              Keep current value
            </button>
            <button
              type="button"
              className="btn"
              disabled={mutate.isPending || !restore}
              onClick={() => {
                if (restore) resolve(restore, 'Restored the other value');
              }}
            >
              Restore the other value
            </button>
          </>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={mutate.isPending}
            onClick={() => {
              resolve({ id: conflict.id, action: 'dismiss' }, 'Marked as reviewed');
            }}
          >
            Mark as reviewed
          </button>
        )}
      </div>
    </article>
  );
}
