/**
 * The replicated tables: what every workstation holds a copy of, column by column. One list
 * drives the shape endpoint (which columns leave the server), the local SQLite schema (checked
 * by a test against migrations/local) and value normalisation in conflict checks.
 * Secret columns (password and token hashes) are simply not listed: they never leave the server.
 */

/** Column types as the sync layer distinguishes them. Enums travel as text. */
export type ColumnType =
  'uuid' | 'text' | 'integer' | 'bigint' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

export interface ReplicatedTableSpec {
  /** PostgreSQL table name, schema-qualified when not in `public`. */
  readonly name: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  /** Staff "delete" sets deleted_at instead of removing the row. */
  readonly softDelete: boolean;
  /** Free-text clinical fields: a conflicting edit never overwrites them silently. */
  readonly clinicalText: readonly string[];
}

const meta = { created_at: 'timestamptz', updated_at: 'timestamptz', version: 'bigint' } as const;

/** Keeps each table's column names as literal types, so views can be typed from the spec. */
function table<const Columns extends Record<string, ColumnType>, const SoftDelete extends boolean = false>(
  name: string,
  columns: Columns,
  options: { softDelete?: SoftDelete; clinicalText?: readonly string[] } = {},
): {
  name: string;
  columns: Columns & typeof meta & (SoftDelete extends true ? { deleted_at: 'timestamptz' } : unknown);
  softDelete: SoftDelete;
  clinicalText: readonly string[];
} {
  const softDelete = (options.softDelete ?? false) as SoftDelete;
  return {
    name,
    columns: { ...columns, ...meta, ...(softDelete ? { deleted_at: 'timestamptz' as const } : {}) } as Columns &
      typeof meta &
      (SoftDelete extends true ? { deleted_at: 'timestamptz' } : unknown),
    softDelete,
    clinicalText: options.clinicalText ?? [],
  };
}

export const REPLICATED_TABLES = {
  clinics: table('clinics', {
    id: 'uuid',
    name: 'text',
    address: 'text',
    phone: 'text',
    email: 'text',
    timezone: 'text',
    currency: 'text',
  }),
  staff: table(
    'staff',
    { id: 'uuid', clinic_id: 'uuid', role: 'text', display_name: 'text', username: 'text', email: 'text' },
    { softDelete: true },
  ),
  devices: table('devices', {
    id: 'uuid',
    clinic_id: 'uuid',
    name: 'text',
    enrolled_at: 'timestamptz',
    last_seen_at: 'timestamptz',
    revoked_at: 'timestamptz',
  }),
  owners: table(
    'owners',
    {
      id: 'uuid',
      first_name: 'text',
      last_name: 'text',
      email: 'text',
      phone: 'text',
      address: 'text',
      city: 'text',
      postcode: 'text',
      notes: 'text',
      duplicate_of: 'uuid',
    },
    { softDelete: true, clinicalText: ['notes'] },
  ),
  patients: table(
    'patients',
    {
      id: 'uuid',
      owner_id: 'uuid',
      name: 'text',
      species: 'text',
      breed: 'text',
      color: 'text',
      gender: 'text',
      neutered: 'boolean',
      birth_date: 'date',
      weight_kg: 'numeric',
      microchip: 'text',
      status: 'text',
      alerts: 'text',
      notes: 'text',
    },
    { softDelete: true, clinicalText: ['alerts', 'notes'] },
  ),
  medical_records: table(
    'medical_records',
    {
      id: 'uuid',
      patient_id: 'uuid',
      record_type: 'text',
      status: 'text',
      visit_at: 'timestamptz',
      vet_id: 'uuid',
      title: 'text',
      subjective: 'text',
      objective: 'text',
      assessment: 'text',
      plan: 'text',
      weight_kg: 'numeric',
      owner_name_snapshot: 'text',
      owner_phone_snapshot: 'text',
      addendum_of: 'uuid',
      finalized_at: 'timestamptz',
      finalized_by: 'uuid',
    },
    { softDelete: true, clinicalText: ['title', 'subjective', 'objective', 'assessment', 'plan'] },
  ),
  appointments: table(
    'appointments',
    {
      id: 'uuid',
      patient_id: 'uuid',
      vet_id: 'uuid',
      scheduled_at: 'timestamptz',
      duration_minutes: 'integer',
      status: 'text',
      reason: 'text',
      notes: 'text',
      checked_in_at: 'timestamptz',
      started_at: 'timestamptz',
      completed_at: 'timestamptz',
      cancel_reason: 'text',
    },
    { softDelete: true, clinicalText: ['notes'] },
  ),
  price_list_items: table(
    'price_list_items',
    {
      id: 'uuid',
      code: 'text',
      name: 'text',
      kind: 'text',
      unit_price: 'numeric',
      tax_rate: 'numeric',
      active: 'boolean',
    },
    { softDelete: true },
  ),
  bills: table('bills', {
    id: 'uuid',
    bill_number: 'text',
    owner_id: 'uuid',
    billed_name: 'text',
    billed_address: 'text',
    patient_id: 'uuid',
    status: 'text',
    currency: 'text',
    issued_at: 'timestamptz',
    due_date: 'date',
    paid_at: 'timestamptz',
    cancelled_at: 'timestamptz',
    cancel_reason: 'text',
    notes: 'text',
  }),
  bill_items: table(
    'bill_items',
    {
      id: 'uuid',
      bill_id: 'uuid',
      price_list_item_id: 'uuid',
      description: 'text',
      quantity: 'numeric',
      unit_price: 'numeric',
      tax_rate: 'numeric',
    },
    { softDelete: true },
  ),
  bill_medical_records: table('bill_medical_records', { id: 'uuid', bill_id: 'uuid', medical_record_id: 'uuid' }),
  payments: table('payments', {
    id: 'uuid',
    bill_id: 'uuid',
    amount: 'numeric',
    method: 'text',
    paid_at: 'timestamptz',
    reference: 'text',
    received_by: 'uuid',
    notes: 'text',
  }),
  /** Conflicts the server resolved (DESIGN.md section 4), for the staff's conflicts inbox. */
  conflicts: table('sync.conflicts', {
    id: 'uuid',
    kind: 'text',
    table_name: 'text',
    row_id: 'uuid',
    field: 'text',
    base_value: 'jsonb',
    winner_value: 'jsonb',
    loser_value: 'jsonb',
    winner_mutation_id: 'uuid',
    loser_mutation_id: 'uuid',
    winner_staff_id: 'uuid',
    loser_staff_id: 'uuid',
    device_id: 'uuid',
    status: 'text',
    resolution: 'text',
    resolved_by: 'uuid',
    resolved_at: 'timestamptz',
  }),
} as const satisfies Record<string, ReplicatedTableSpec>;

export type ReplicatedTableName = keyof typeof REPLICATED_TABLES;

export const REPLICATED_TABLE_NAMES = Object.keys(REPLICATED_TABLES) as ReplicatedTableName[];

/** Type guard for a replicated table name coming from the wire. */
export function isReplicatedTable(name: string): name is ReplicatedTableName {
  return Object.hasOwn(REPLICATED_TABLES, name);
}
