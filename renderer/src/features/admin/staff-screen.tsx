import { useApiQuery } from '../../api/use-api-query.js';
import { formatDate } from '../../ui/format.js';
import { EmptyState, Skeleton } from '../../ui/states.js';
import { AdminHeader } from './admin-header.js';
import { AdminTable } from './admin-table.js';
import { AdminError } from './admin-states.js';
import { HistoryLink } from './history-link.js';
import { RoleBadge } from './role-badge.js';

/** Admin: everyone on the practice's staff, removed members dimmed at the end. */
export function StaffScreen() {
  const staff = useApiQuery('admin.staff', {});
  const active = staff.data?.filter((member) => member.deleted_at === null).length ?? 0;
  return (
    <div className="stack">
      <AdminHeader current="admin-staff" subtitle="The practice's staff and their roles." />
      {staff.isPending ? <Skeleton lines={6} /> : null}
      {staff.isError ? <AdminError error={staff.error} onRetry={() => void staff.refetch()} /> : null}
      {staff.data?.length === 0 ? (
        <EmptyState title="No staff yet">Staff appear here once the central server has sent them.</EmptyState>
      ) : null}
      {staff.data && staff.data.length > 0 ? (
        <AdminTable
          id="staff-title"
          title="Staff"
          count={`${active} active`}
          columns={['Name', 'Role', 'Username', 'E-mail', 'Status']}
        >
          {staff.data.map((member) => {
            const removed = member.deleted_at !== null;
            return (
              <tr key={member.id} className={removed ? 'admin-row-removed' : undefined} data-removed={removed}>
                <th scope="row" className="admin-name">
                  {member.display_name ?? member.username ?? 'Unnamed'}
                </th>
                <td>
                  <RoleBadge role={member.role} />
                </td>
                <td className="mono">{member.username ?? '—'}</td>
                <td>{member.email ? <a href={`mailto:${member.email}`}>{member.email}</a> : '—'}</td>
                <td>
                  {removed ? (
                    <span className="badge">Removed {formatDate(member.deleted_at)}</span>
                  ) : (
                    <span className="badge badge-success">Active</span>
                  )}
                </td>
                <td className="admin-actions">
                  <HistoryLink table="staff" id={member.id} />
                </td>
              </tr>
            );
          })}
        </AdminTable>
      ) : null}
    </div>
  );
}
