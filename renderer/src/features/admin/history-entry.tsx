import type { AuditedTable, AuditEntry } from '../../../../core/api/audit.js';
import { fieldChanges, type FieldChange } from '../../../../core/api/audit-diff.js';
import { formatDateTime, humanize } from '../../ui/format.js';

const ACTION: Readonly<Record<AuditEntry['action'], { label: string; badge: string }>> = {
  insert: { label: 'Created', badge: 'badge-success' },
  update: { label: 'Changed', badge: 'badge-info' },
  delete: { label: 'Erased', badge: 'badge-danger' },
  erase: { label: 'Personal data erased', badge: 'badge-danger' },
};

/** A value as staff read it; `(empty)` for nothing, so a cleared field is visible as such. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What kind of change this was: a soft delete and a restore are updates of `deleted_at`. */
function actionOf(entry: AuditEntry): { label: string; badge: string } {
  if (entry.action === 'update' && entry.newValues && 'deleted_at' in entry.newValues) {
    return entry.newValues['deleted_at'] === null
      ? { label: 'Restored', badge: 'badge-success' }
      : { label: 'Deleted', badge: 'badge-warning' };
  }
  return ACTION[entry.action];
}

function Redacted() {
  return (
    <>
      <span className="badge" title="Secret values are never kept in the history">
        Redacted
      </span>{' '}
      <span className="muted">secret value, never kept</span>
    </>
  );
}

/** A created or erased record: one value per field, there is no other side to compare. */
function ValuesTable({ changes, side }: { changes: readonly FieldChange[]; side: 'before' | 'after' }) {
  return (
    <table className="table history-diff history-values">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{side === 'after' ? 'Value' : 'Value when erased'}</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} data-field={change.field}>
            <th scope="row">{humanize(change.field)}</th>
            <td>{change.redacted ? <Redacted /> : valueText(side === 'after' ? change.after : change.before)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A changed record: each changed field before → after. */
function DiffTable({ changes }: { changes: readonly FieldChange[] }) {
  return (
    <table className="table history-diff">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col" className="history-arrow-col">
            <span className="visually-hidden">to</span>
          </th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} data-field={change.field}>
            <th scope="row">{humanize(change.field)}</th>
            {change.redacted ? (
              <td colSpan={3}>
                <Redacted />
              </td>
            ) : (
              <>
                <td className="history-before">{valueText(change.before)}</td>
                <td aria-hidden="true" className="history-arrow">
                  →
                </td>
                <td className="history-after">{valueText(change.after)}</td>
              </>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One change in a record's history: who, when, from where, and what it changed. */
export function HistoryEntry({ table, entry }: { table: AuditedTable; entry: AuditEntry }) {
  const changes = fieldChanges(table, entry);
  const action = actionOf(entry);
  const who = entry.changedByName ?? (entry.changedBy ? 'Unknown staff member' : 'System (no staff member)');
  return (
    <li className="history-entry card" data-testid="history-entry" data-action={entry.action}>
      <div className="history-meta">
        <span className={`badge ${action.badge}`}>{action.label}</span>
        <span className="history-who">{who}</span>
        <time className="muted" dateTime={entry.changedAt}>
          {formatDateTime(entry.changedAt)}
        </time>
        <span className="muted history-device">
          {entry.deviceId ? `on ${entry.deviceName ?? 'an unnamed workstation'}` : 'on the central server'}
        </span>
      </div>
      {changes.length === 0 ? <p className="muted">No field values were recorded for this change.</p> : null}
      {changes.length > 0 && entry.action === 'update' ? <DiffTable changes={changes} /> : null}
      {changes.length > 0 && entry.action !== 'update' ? (
        <ValuesTable changes={changes} side={entry.action === 'insert' ? 'after' : 'before'} />
      ) : null}
    </li>
  );
}
