import type { MutationResult } from '../../core/sync/protocol.js';

/** An owner row as the server's shape delivers it (every column), with `extra` laid over it. */
export const serverOwner = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.org',
  phone: '06 12 34 56 78',
  address: null,
  city: 'Oxford',
  postcode: null,
  notes: null,
  duplicate_of: null,
  created_at: '2026-11-22 09:00:00.000+00',
  updated_at: '2026-11-22 09:00:00.000+00',
  version: 1,
  deleted_at: null,
  ...extra,
});

/** The server's answer that mutation `id` was applied in transaction `txid`, changing `tables`. */
export const appliedResult = (id: string, txid: string, tables = ['owners']): MutationResult => ({
  id,
  status: 'applied',
  txid,
  tables,
});
