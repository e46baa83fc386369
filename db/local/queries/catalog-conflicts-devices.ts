import type { ConflictRow, DeviceRow, DeviceView, PriceListItemRow } from '../../../core/api/views.js';
import type { LocalDatabase } from '../open.js';
import { readRows } from './rows.js';

/** Price list items staff can bill (active, not removed), by kind then name. */
export function activePriceList(db: LocalDatabase): PriceListItemRow[] {
  return readRows<PriceListItemRow>(
    db,
    'price_list_items',
    `select * from price_list_items where deleted_at is null and active = 1 order by kind, name`,
  );
}

/** The conflicts inbox, newest first: open conflicts only unless `includeResolved`. */
export function conflictList(db: LocalDatabase, includeResolved: boolean): ConflictRow[] {
  return readRows<ConflictRow>(
    db,
    'conflicts',
    `select * from conflicts ${includeResolved ? '' : `where status = 'open'`} order by created_at desc`,
  );
}

/** How many conflicts wait for staff in the inbox. */
export function openConflictCount(db: LocalDatabase): number {
  return (db.prepare(`select count(*) as n from conflicts where status = 'open'`).get() as { n: number }).n;
}

/**
 * Every workstation the practice enrolled, `this_workstation` set on the one whose id is
 * `ownId`: active first, then most recently seen.
 */
export function allDevices(db: LocalDatabase, ownId: string | null): DeviceView[] {
  return readRows<DeviceRow>(
    db,
    'devices',
    `select * from devices
      order by revoked_at is not null, coalesce(last_seen_at, enrolled_at) desc, id`,
  ).map((device) => ({ ...device, this_workstation: device.id === ownId }));
}
