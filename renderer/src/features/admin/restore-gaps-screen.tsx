import { useApiQuery } from '../../api/use-api-query.js';
import { formatDateTime } from '../../ui/format.js';
import { EmptyState, Skeleton } from '../../ui/states.js';
import { changeName } from '../inbox/change-name.js';
import { AdminHeader } from './admin-header.js';
import { AdminError } from './admin-states.js';
import { ReloadButton } from './reload-button.js';
import { AdminTable } from './admin-table.js';

/**
 * Admin: changes the last restore of the central database could not bring back, because the
 * backup predates them and no workstation has pushed them again (made on a workstation since
 * wiped or replaced, on one not back yet, or too old for workstations to keep). Online only; the
 * list shrinks as workstations reconnect and replay (docs/sync-workstation.md).
 */
export function RestoreGapsScreen() {
  const gaps = useApiQuery('admin.restoreGaps', {});
  return (
    <div className="stack">
      <AdminHeader
        current="admin-restore-gaps"
        subtitle="Changes a restore of the practice's server could not bring back."
      >
        <ReloadButton query={gaps} />
      </AdminHeader>
      {gaps.isPending ? <Skeleton lines={4} /> : null}
      {gaps.isError ? (
        <AdminError error={gaps.error} onRetry={() => void gaps.refetch()} action="Listing restore gaps" />
      ) : null}
      {gaps.data?.length === 0 ? (
        <EmptyState title="Nothing is missing since the last restore.">
          Every change the server had before its last restore is back, or no restore has happened.
        </EmptyState>
      ) : null}
      {gaps.data && gaps.data.length > 0 ? (
        <p className="muted">
          Workstations that reconnect send their changes again, and those leave this list. What stays here was made on a
          workstation since wiped or replaced, or one not back yet: check with the person who made it, and enter it
          again if it is still needed.
        </p>
      ) : null}
      {gaps.data && gaps.data.length > 0 ? (
        <AdminTable
          id="restore-gaps-title"
          title="Missing changes"
          count={gaps.data.length}
          columns={['When', 'Change', 'Staff', 'Workstation']}
          actions={false}
        >
          {gaps.data.map((gap) => (
            <tr key={gap.id} className="restore-gap" data-testid="restore-gap">
              <td>{formatDateTime(gap.receivedAt)}</td>
              <th scope="row" className="admin-name">
                {changeName(gap.name)}
                <span className="admin-id mono">{gap.name}</span>
                <details className="restore-gap-args">
                  <summary className="muted">What was sent</summary>
                  <pre className="mono">{JSON.stringify(gap.args, null, 2)}</pre>
                </details>
              </th>
              <td>{gap.staffName ?? <span className="mono">{gap.staffId}</span>}</td>
              <td>
                {gap.deviceName ?? 'Unknown workstation'}
                <span className="admin-id mono" title="Device id">
                  {gap.deviceId}
                </span>
              </td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
    </div>
  );
}
