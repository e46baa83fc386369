import type { AuditedTable } from '../../../../core/api/audit.js';
import { routeHref } from '../../routing/routes.js';

/** What staff call a record of each audited table. */
export const RECORD_KIND: Readonly<Record<AuditedTable, string>> = {
  clinics: 'Practice',
  staff: 'Staff member',
  devices: 'Workstation',
  owners: 'Owner',
  patients: 'Patient',
  medical_records: 'Medical record',
  appointments: 'Appointment',
  price_list_items: 'Price list item',
  bills: 'Bill',
  bill_items: 'Bill line',
  bill_medical_records: 'Bill–record link',
  payments: 'Payment',
  conflicts: 'Sync conflict',
};

/** The screen showing a record, for the tables that have one. */
export function recordHref(table: AuditedTable, id: string): string | null {
  switch (table) {
    case 'owners':
      return routeHref({ name: 'owner', id });
    case 'patients':
      return routeHref({ name: 'patient', id });
    case 'bills':
      return routeHref({ name: 'bill', id });
    case 'staff':
      return routeHref({ name: 'admin-staff' });
    case 'devices':
      return routeHref({ name: 'admin-devices' });
    default:
      return null;
  }
}

const NAME_FIELDS = ['bill_number', 'name', 'display_name', 'title', 'description'] as const;

/**
 * A name for the record from its history (the latest values win), so the screen can say whose
 * history it is even for a record this workstation no longer holds: the owner's full name, the
 * bill's number, else a name-like field; null when none was ever recorded.
 */
export function recordName(values: Readonly<Record<string, unknown>>): string | null {
  const text = (field: string) => {
    const value = values[field];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const person = [text('first_name'), text('last_name')].filter(Boolean).join(' ');
  if (person) return person;
  for (const field of NAME_FIELDS) {
    const value = text(field);
    if (value) return value;
  }
  return null;
}
