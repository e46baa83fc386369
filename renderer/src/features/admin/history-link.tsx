import type { AuditedTable } from '../../../../core/api/audit.js';
import { routeHref } from '../../routing/routes.js';
import { useCan } from '../identity/session-context.js';

/**
 * A small "History" link to a record's changes in the central audit trail, shown to admins only
 * (everyone else would be refused). Place it in a record screen's header.
 */
export function HistoryLink({ table, id }: { table: AuditedTable; id: string }) {
  const can = useCan();
  if (!can({ operation: 'audit.history' })) return null;
  return (
    <a
      className="btn btn-sm btn-ghost no-print"
      href={routeHref({ name: 'history', table, id })}
      title="Every change of this record: who, when, from which workstation"
    >
      History
    </a>
  );
}
