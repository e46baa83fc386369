import { useApiQuery } from '../../api/use-api-query.js';
import { routeHref } from '../../routing/routes.js';
import { billName } from '../bills/bill-name.js';

const NOUN: Record<string, string> = { owners: 'owner', patients: 'patient', bills: 'bill' };

/**
 * Which record a conflict or a refused change is about, by name and linked to its screen (" · Emily Wiśniewska"), so
 * staff know what they are deciding on without opening it. Owners, patients and bills have a
 * screen; other tables (items, appointments, records) show nothing here. While the name loads,
 * or when this workstation no longer has the row, the link says "the owner" (etc.).
 */
export function ConflictRecord({ table, id }: { table: string | null; id: string | null }) {
  const noun = table ? NOUN[table] : undefined;
  const rowId = id ?? '';
  // Hooks run unconditionally; only the query for this conflict's table is enabled.
  const owner = useApiQuery('owner.detail', { id: rowId }, { enabled: noun === 'owner' && id !== null });
  const patient = useApiQuery('patient.chart', { id: rowId }, { enabled: noun === 'patient' && id !== null });
  const bill = useApiQuery('bill.detail', { id: rowId }, { enabled: noun === 'bill' && id !== null });
  if (!noun || id === null) return null;
  let name: string | null = null;
  if (noun === 'owner' && owner.data) {
    name = `${owner.data.owner.first_name} ${owner.data.owner.last_name}`.trim() || null;
  } else if (noun === 'patient' && patient.data) {
    name = patient.data.patient.name;
  } else if (noun === 'bill' && bill.data) {
    name = billName(bill.data.bill);
  }
  const route =
    noun === 'owner'
      ? ({ name: 'owner', id } as const)
      : noun === 'patient'
        ? ({ name: 'patient', id } as const)
        : ({ name: 'bill', id } as const);
  return (
    <>
      {' · '}
      <a href={routeHref(route)} data-testid="conflict-record">
        {name ?? `the ${noun}`}
      </a>
    </>
  );
}
