import { useState } from 'react';
import { useApiQuery } from '../../api/use-api-query.js';
import { formatDate } from '../../ui/format.js';
import { EmptyState, Skeleton } from '../../ui/states.js';
import { AdminHeader } from './admin-header.js';
import { AdminTable } from './admin-table.js';
import { AdminError } from './admin-states.js';
import { HistoryLink } from './history-link.js';
import { useSession } from '../identity/session-context.js';
import { RoleBadge } from './role-badge.js';
import { StaffFormDialog } from './staff-form-dialog.js';
import { StaffRowActions } from './staff-row-actions.js';

/** An e-mail link that, when narrow, wraps before the @ instead of in the middle of a word. */
function EmailLink({ email }: { email: string }) {
  const at = email.lastIndexOf('@');
  return (
    <a href={`mailto:${email}`}>
      {at > 0 ? (
        <>
          {email.slice(0, at)}
          <wbr />
          {email.slice(at)}
        </>
      ) : (
        email
      )}
    </a>
  );
}

/**
 * Admin: everyone on the practice's staff, removed members dimmed at the end; new accounts,
 * edits, password resets and deactivation go to the central server (online only).
 */
export function StaffScreen() {
  const staff = useApiQuery('admin.staff', {});
  const self = useSession().staff.id;
  const [creating, setCreating] = useState(false);
  const active = staff.data?.filter((member) => member.deleted_at === null).length ?? 0;
  return (
    <div className="stack">
      <AdminHeader current="admin-staff" subtitle="The practice's staff, their roles and their sign-in.">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setCreating(true);
          }}
        >
          New staff member
        </button>
      </AdminHeader>
      <StaffFormDialog
        open={creating}
        onClose={() => {
          setCreating(false);
        }}
      />
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
          columns={['Name and username', 'Role', 'E-mail', 'Status']}
        >
          {staff.data.map((member) => {
            const removed = member.deleted_at !== null;
            return (
              <tr key={member.id} className={removed ? 'admin-row-removed' : undefined} data-removed={removed}>
                <th scope="row" className="admin-name">
                  {member.display_name ?? member.username ?? 'Unnamed'}{' '}
                  {member.id === self ? <span className="badge badge-info">You</span> : null}
                  {/* Under the name, as a device's id is: one column fewer keeps the row's actions in view at 1280 px. */}
                  <span className="admin-id mono" title="Username">
                    {member.username ?? '—'}
                  </span>
                </th>
                <td>
                  <RoleBadge role={member.role} />
                </td>
                <td className="admin-email">{member.email ? <EmailLink email={member.email} /> : '—'}</td>
                <td>
                  {removed ? (
                    <span className="badge">Removed {formatDate(member.deleted_at)}</span>
                  ) : (
                    <span className="badge badge-success">Active</span>
                  )}
                </td>
                <td className="admin-actions">
                  <div className="row admin-row-actions">
                    <StaffRowActions member={member} isSelf={member.id === self} />
                    <HistoryLink table="staff" id={member.id} />
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
