import { useSyncExternalStore } from 'react';
import { auditHistoryParamsSchema, type AuditedTable, type AuditEntry } from '../../../../core/api/audit.js';
import { getSyncStatus, subscribeSyncStatus } from '../../api/sync-status-store.js';
import { useApiQuery } from '../../api/use-api-query.js';
import { EmptyState, Skeleton } from '../../ui/states.js';
import { AdminError } from './admin-states.js';
import { ReloadButton } from './reload-button.js';
import { HistoryEntry } from './history-entry.js';
import { RECORD_KIND, recordHref, recordName } from './record-kinds.js';
import './admin.css';

/** The record's latest known values: each change laid over the ones before. */
function latestValues(entries: readonly AuditEntry[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const entry of entries) Object.assign(values, entry.oldValues ?? {}, entry.newValues ?? {});
  return values;
}

/** `#/history/<table>/<id>`: refuses addresses that name no audited record before asking anyone. */
export function HistoryScreen({ table, id }: { table: string; id: string }) {
  const params = auditHistoryParamsSchema.safeParse({ table, id });
  if (!params.success) {
    return (
      <EmptyState title="There is no history at this address">
        The link names no record with a history. <a href="#/today">Back to today</a>
      </EmptyState>
    );
  }
  return <RecordHistory table={params.data.table} id={params.data.id} />;
}

/**
 * One record's changes from the central server's audit trail, newest first. Online only: the
 * trail is never copied to workstations, so offline the screen says so instead of showing less.
 */
function RecordHistory({ table, id }: { table: AuditedTable; id: string }) {
  const history = useApiQuery('audit.history', { table, id });
  const sync = useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
  const kind = RECORD_KIND[table];
  const href = recordHref(table, id);
  const entries = history.data?.entries ?? [];
  const name = recordName(latestValues(entries));
  return (
    <div className="stack">
      <div className="page-header">
        <div>
          <p className="muted">{kind} history</p>
          <h1>{name ?? kind}</h1>
          <p className="page-subtitle">
            Every change recorded by the central server: who made it, when, from which workstation. Newest first.
          </p>
        </div>
        <div className="row">
          {href ? (
            <a className="btn" href={href}>
              Open {kind.toLowerCase()}
            </a>
          ) : null}
          <ReloadButton query={history} />
        </div>
      </div>
      {sync?.connection === 'offline' && !history.isError ? (
        <p className="alert-banner" role="note">
          This workstation is offline: record history needs the central server and may not load.
        </p>
      ) : null}
      {history.isPending ? <Skeleton lines={6} block /> : null}
      {history.isError ? <AdminError error={history.error} onRetry={() => void history.refetch()} /> : null}
      {history.data && entries.length === 0 ? (
        <EmptyState title="No changes recorded yet">
          Changes made on a workstation appear here once they have reached the central server.
        </EmptyState>
      ) : null}
      {entries.length > 0 ? (
        <ol className="history-timeline" aria-label={`Changes of this ${kind.toLowerCase()}`}>
          {[...entries].reverse().map((entry) => (
            <HistoryEntry key={entry.id} table={table} entry={entry} />
          ))}
        </ol>
      ) : null}
      {history.data?.truncated ? (
        <p className="muted">Older changes are not shown: this record has more than 1000.</p>
      ) : null}
    </div>
  );
}
