import { useState } from 'react';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatDateTime } from '../../ui/format.js';
import { EmptyState, Skeleton } from '../../ui/states.js';
import { AdminHeader } from './admin-header.js';
import { AdminTable } from './admin-table.js';
import { AdminError } from './admin-states.js';
import { EnrolmentCodeDialog } from './enrolment-code-dialog.js';
import { HistoryLink } from './history-link.js';
import { RevokeDeviceButton } from './revoke-device-button.js';

/**
 * Admin: the practice's workstations, this one marked, revoked ones shown as such; enrolment
 * codes for new ones and revocation go to the central server (online only).
 */
export function DevicesScreen() {
  const devices = useApiQuery('admin.devices', {});
  const [creating, setCreating] = useState(false);
  return (
    <div className="stack">
      <AdminHeader
        current="admin-devices"
        subtitle="Workstations that sync with the practice's server. A revoked workstation can no longer sync."
      >
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setCreating(true);
          }}
        >
          New enrolment code
        </button>
      </AdminHeader>
      <EnrolmentCodeDialog
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
      />
      {devices.isPending ? <Skeleton lines={4} /> : null}
      {devices.isError ? <AdminError error={devices.error} onRetry={() => void devices.refetch()} /> : null}
      {devices.data?.length === 0 ? (
        <EmptyState title="No workstations yet">
          Create an enrolment code for each workstation; it appears here once enrolled.
        </EmptyState>
      ) : null}
      {devices.data && devices.data.length > 0 ? (
        <AdminTable
          id="devices-title"
          title="Devices"
          count={devices.data.length}
          columns={['Name', 'Enrolled', 'Last seen', 'Status']}
        >
          {devices.data.map((device) => {
            const revoked = device.revoked_at !== null;
            return (
              <tr
                key={device.id}
                className={`${revoked ? 'admin-row-removed' : ''} ${device.this_workstation ? 'admin-row-self' : ''}`}
                data-this-workstation={device.this_workstation}
              >
                <th scope="row" className="admin-name">
                  <span>{device.name ?? 'Unnamed workstation'}</span>{' '}
                  {device.this_workstation ? <span className="badge badge-info">This workstation</span> : null}
                  <span className="admin-id mono" title="Device id">
                    {device.id}
                  </span>
                </th>
                <td>{formatDateTime(device.enrolled_at)}</td>
                <td>{device.last_seen_at ? formatDateTime(device.last_seen_at) : 'Not recorded'}</td>
                <td>
                  {revoked ? (
                    <span className="badge badge-danger">Revoked {formatDateTime(device.revoked_at)}</span>
                  ) : (
                    <span className="badge badge-success">Active</span>
                  )}
                </td>
                <td className="admin-actions">
                  <div className="row admin-row-actions">
                    {revoked ? null : <RevokeDeviceButton device={device} />}
                    <HistoryLink table="devices" id={device.id} />
                  </div>
                </td>
              </tr>
            );
          })}
        </AdminTable>
      ) : null}
    </div>
  );
}
