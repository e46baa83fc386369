import { useEffect, useState, useSyncExternalStore } from 'react';
import { getSyncStatus, subscribeSyncStatus } from '../api/sync-status-store.js';
import { formatAgo } from '../ui/format.js';
import { routeHref } from '../routing/routes.js';

const CONNECTION_LABEL = { online: 'Online', offline: 'Offline', blocked: 'Blocked' } as const;

/** Re-renders every 30 s so "2 min ago" stays true without any new event. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, intervalMs);
    return () => {
      clearInterval(timer);
    };
  }, [intervalMs]);
  return now;
}

/**
 * Sync state, on every screen: connection, changes waiting, last sync, and the inbox counts
 * (conflicts, rejections) as a link, because those need a person.
 */
export function SyncStatusIndicator() {
  const status = useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
  const now = useNow(30_000);
  if (!status) {
    return (
      <div className="sync" data-testid="sync-status">
        <span className="sync-dot sync-unknown" aria-hidden="true" />
        <span className="muted">Sync status unknown</span>
      </div>
    );
  }
  const attention = status.rejected + status.openConflicts;
  const { initialSync } = status;
  const expected = initialSync.rowsExpected;
  const percent = expected ? Math.min(100, Math.round((initialSync.rowsReceived / expected) * 100)) : null;
  return (
    <div className="sync" data-testid="sync-status" data-connection={status.connection}>
      <span className={`sync-dot sync-${status.connection}`} aria-hidden="true" />
      <span
        className="sync-connection"
        title={status.blockedBy ? status.blockedBy.message : `Last sync ${formatAgo(status.lastSyncAt, now)}`}
      >
        {CONNECTION_LABEL[status.connection]}
      </span>
      {!initialSync.done ? (
        <span className="sync-initial">
          <span>First sync{percent !== null ? ` ${percent}%` : '…'}</span>
          <progress
            className="sync-progress"
            max={expected ?? undefined}
            value={expected ? initialSync.rowsReceived : undefined}
            aria-label="Initial sync progress"
          />
        </span>
      ) : null}
      <span className="sync-meta">
        {status.pending > 0 ? `${status.pending} waiting · ` : 'All saved · '}
        {/* Offline, the time is how old the data on screen may be, not a sync that just worked. */}
        {status.connection === 'online' ? 'synced' : 'last synced'} {formatAgo(status.lastSyncAt, now)}
      </span>
      {attention > 0 ? (
        <a className="sync-attention" href={routeHref({ name: 'inbox' })}>
          {status.openConflicts > 0 ? `${status.openConflicts} conflict${status.openConflicts === 1 ? '' : 's'}` : ''}
          {status.openConflicts > 0 && status.rejected > 0 ? ' · ' : ''}
          {status.rejected > 0 ? `${status.rejected} rejected` : ''}
        </a>
      ) : null}
    </div>
  );
}
