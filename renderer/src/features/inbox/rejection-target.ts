/** Screens a refused change can point at. */
type TargetTable = 'owners' | 'patients' | 'bills';

const BY_PREFIX: Record<string, TargetTable> = { owner: 'owners', patient: 'patients', bill: 'bills' };
const PARENT_KEYS: readonly [string, TargetTable][] = [
  ['bill_id', 'bills'],
  ['patient_id', 'patients'],
  ['owner_id', 'owners'],
];

/**
 * The record a refused change concerns, for a link staff can follow: the bill, patient or owner
 * it belongs to (a payment's bill, a new patient's owner), else the row it edits. A refused
 * create points at its parent only, since its own row never existed here. Null when none.
 */
export function rejectionTarget(name: string, args: unknown): { table: TargetTable; id: string } | null {
  if (typeof args !== 'object' || args === null) return null;
  const values = args as Record<string, unknown>;
  for (const [key, table] of PARENT_KEYS) {
    const id = values[key];
    if (typeof id === 'string') return { table, id };
  }
  const [prefix = '', action = ''] = name.split('.');
  const table = BY_PREFIX[prefix];
  return table && action !== 'create' && typeof values['id'] === 'string' ? { table, id: values['id'] } : null;
}
