import { entityChangeSeals, entityChanges, redactions } from './audit.js';
import { billItems, billMedicalRecords, bills, billTotals, payments, priceListItems } from './billing.js';
import { appointments, medicalRecords } from './clinical.js';
import * as enums from './enums.js';
import { identityTables } from './identity.js';
import { owners, patients } from './owners-patients.js';
import { clinics, devices, staff } from './practice.js';
import { syncTables } from './sync.js';
import { updateTables } from './updates.js';

/**
 * The domain tables, in dependency order (a table comes after every table it references).
 * Each carries the row-maintenance and audit triggers; a test holds the database to this list.
 */
export const domainTables = {
  clinics,
  staff,
  devices,
  owners,
  patients,
  medicalRecords,
  appointments,
  priceListItems,
  bills,
  billItems,
  billMedicalRecords,
  payments,
} as const;

/** The whole central schema as drizzle sees it; compared with the migrated database by a test. */
export const centralSchema = {
  ...enums,
  ...domainTables,
  billTotals,
  entityChanges,
  entityChangeSeals,
  redactions,
  ...identityTables,
  ...syncTables,
  ...updateTables,
} as const;
