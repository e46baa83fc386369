import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ConnectionState } from '../../../core/api/client.js';
import type { SyncStatus } from '../../../core/sync/status.js';
import { getSyncStatus, subscribeSyncStatus } from '../api/sync-status-store.js';
import { useConnection } from '../api/use-connection.js';
import { ErrorCode } from '../../../core/errors.js';
import { routeHref } from '../routing/routes.js';
import { formatAgo } from '../ui/format.js';

/** Row counts with the reader's digit grouping (72,296 rather than 72296). */
const count = new Intl.NumberFormat();

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
 * The page cannot reach its own workstation backend (it died, or the bridge went away): said
 * apart from "Offline", which is about the central server, because nothing on screen can be
 * trusted or saved until it is back.
 */
function BackendUnreachable({ connection }: { connection: Extract<ConnectionState, { error: unknown }> }) {
  return (
    <div className="sync" data-testid="sync-status" data-connection="backend-unreachable" role="status">
      <span className="sync-dot sync-blocked" aria-hidden="true" />
      <span className="sync-connection" title={connection.error.message}>
        {connection.error.code === ErrorCode.Unauthenticated ? 'Link out of date' : 'Workstation unreachable'}
      </span>
      <span className="sync-meta">
        {connection.state === 'failed' ? connection.error.message : 'Nothing can be saved · reconnecting…'}
      </span>
    </div>
  );
}

/** Before the first status arrived: what the page is waiting for, never "unknown". */
function Waiting({ connection }: { connection: ConnectionState }) {
  return (
    <div className="sync" data-testid="sync-status" data-connection="connecting">
      <span className="sync-dot sync-unknown" aria-hidden="true" />
      <span className="muted">
        {connection.state === 'connecting' ? 'Connecting to the workstation…' : 'Reading sync status…'}
      </span>
    </div>
  );
}

/** The first sync's progress: "connecting" until the server said how many rows, then "N of M rows". */
function FirstSync({ initialSync }: { initialSync: SyncStatus['initialSync'] }) {
  const expected = initialSync.rowsExpected;
  const percent = expected ? Math.min(100, Math.round((initialSync.rowsReceived / expected) * 100)) : null;
  return (
    <span className="sync-initial" data-testid="first-sync">
      <span>
        {expected === null
          ? `First sync: connecting${initialSync.rowsReceived > 0 ? ` · ${count.format(initialSync.rowsReceived)} rows` : '…'}`
          : `First sync: ${count.format(Math.min(initialSync.rowsReceived, expected))} of ${count.format(expected)} rows (${percent ?? 0}%)`}
      </span>
      <progress
        className="sync-progress"
        max={expected ?? undefined}
        value={expected ? initialSync.rowsReceived : undefined}
        aria-label="Initial sync progress"
      />
    </span>
  );
}

/**
 * Sync state, on every screen: whether the workstation backend is reachable at all, then the
 * central server connection, changes waiting, last sync, and the Sync review counts (conflicts,
 * rejections) as a link, because those need a person.
 */
export function SyncStatusIndicator() {
  const status = useSyncExternalStore(subscribeSyncStatus, getSyncStatus);
  const connection = useConnection();
  const now = useNow(30_000);
  if (connection.state === 'unreachable' || connection.state === 'failed') {
    return <BackendUnreachable connection={connection} />;
  }
  if (!status) return <Waiting connection={connection} />;
  const attention = status.rejected + status.openConflicts;
  const { initialSync } = status;
  return (
    <div className="sync" data-testid="sync-status" data-connection={status.connection}>
      <span className={`sync-dot sync-${status.connection}`} aria-hidden="true" />
      <span
        className="sync-connection"
        title={status.blockedBy ? status.blockedBy.message : `Last sync ${formatAgo(status.lastSyncAt, now)}`}
      >
        {CONNECTION_LABEL[status.connection]}
      </span>
      {!initialSync.done ? <FirstSync initialSync={initialSync} /> : null}
      <span className="sync-meta">
        {status.pending > 0 ? `${status.pending} waiting · ` : 'All saved · '}
        {/* Offline, the time is how old the data on screen may be, not a sync that just worked. */}
        {status.connection === 'online' ? 'synced' : 'last synced'} {formatAgo(status.lastSyncAt, now)}
      </span>
      {attention > 0 ? (
        <a className="sync-attention" href={routeHref({ name: 'sync-review' })}>
          {status.openConflicts > 0 ? `${status.openConflicts} conflict${status.openConflicts === 1 ? '' : 's'}` : ''}
          {status.openConflicts > 0 && status.rejected > 0 ? ' · ' : ''}
          {status.rejected > 0 ? `${status.rejected} rejected` : ''}
        </a>
      ) : null}
    </div>
  );
}
