import type { ApiInput, ApiName } from '../../../core/api/contract.js';

/** Read operations the UI caches; mutations and rejection handling are not cached. */
export type QueryName = Exclude<ApiName, 'mutate' | 'rejections.discard' | 'rejections.retry'>;

/** Query keys are `[operation, input]`, so invalidating by operation name hits every input. */
export function queryKey<Name extends QueryName>(name: Name, input: ApiInput<Name>): readonly [Name, ApiInput<Name>] {
  return [name, input] as const;
}

/**
 * Which cached operations show rows of each replicated table. When `data.changed` names a
 * table, these are refetched. Views join several tables, hence the overlaps. Record history
 * (`audit.history`) follows every table: a change synced in means a new entry on the server.
 */
export const QUERIES_BY_TABLE: Readonly<Record<string, readonly QueryName[]>> = {
  clinics: ['clinic.current', 'audit.history'],
  devices: ['admin.devices', 'audit.history'],
  staff: [
    // A role or name changed, or someone was deactivated: the signed-in person's view of it too.
    'identity.state',
    'staff.list',
    'session.current',
    'clinic.current',
    'appointments.day',
    'appointments.range',
    'appointments.deceasedPatients',
    'patient.chart',
    'admin.staff',
    'audit.history',
  ],
  owners: [
    'search.ownersAndPatients',
    'search.bookablePatients',
    'owner.duplicates',
    'owner.detail',
    'owner.account',
    'patient.chart',
    'appointments.day',
    'appointments.range',
    'appointments.deceasedPatients',
    'audit.history',
  ],
  patients: [
    'search.ownersAndPatients',
    'search.bookablePatients',
    'owner.detail',
    'patient.chart',
    'appointments.day',
    'appointments.range',
    'appointments.deceasedPatients',
    'audit.history',
  ],
  medical_records: ['patient.chart', 'bill.detail', 'audit.history'],
  appointments: [
    'appointments.day',
    'appointments.range',
    'appointments.deceasedPatients',
    'patient.chart',
    'audit.history',
  ],
  price_list_items: ['priceList.list', 'audit.history'],
  bills: ['owner.detail', 'owner.account', 'patient.chart', 'bill.detail', 'audit.history'],
  bill_items: ['owner.detail', 'owner.account', 'patient.chart', 'bill.detail', 'audit.history'],
  bill_medical_records: ['bill.detail', 'audit.history'],
  payments: ['owner.detail', 'owner.account', 'patient.chart', 'bill.detail', 'audit.history'],
  conflicts: ['conflicts.list', 'audit.history'],
};

/** Operations to refetch for a set of changed tables; an unknown table refetches everything. */
export function queriesForTables(tables: readonly string[]): QueryName[] | 'all' {
  const names = new Set<QueryName>();
  for (const table of tables) {
    const mapped = QUERIES_BY_TABLE[table];
    if (!mapped) return 'all';
    for (const name of mapped) names.add(name);
  }
  return [...names];
}
