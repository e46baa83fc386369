/**
 * The replicated tables: what every workstation holds a copy of, column by column. One list
 * drives the shape endpoint (which columns leave the server), the local SQLite schema (checked
 * by a test against migrations/local) and value normalisation in conflict checks.
 * Secret columns (password and token hashes) are simply not listed: they never leave the server.
 *
 * The same specs type the rows the UI receives (core/api/views.ts): `required` lists the columns
 * that are never null on any row a workstation shows, and `enums` the columns holding one of a
 * fixed list of values. A test holds both to the central drizzle schema (NOT NULL, pg enums).
 * `required` is narrower than NOT NULL on purpose: a row a workstation inserted locally has no
 * server-assigned values until the server's copy arrives (created_at, updated_at, version, a
 * bill's currency), so those stay nullable in the row types; a bill's number is null until issued.
 */

import {
  APPOINTMENT_STATUSES,
  BILL_STATUSES,
  CONFLICT_KINDS,
  CONFLICT_RESOLUTIONS,
  CONFLICT_STATUSES,
  PATIENT_GENDERS,
  PATIENT_STATUSES,
  PAYMENT_KINDS,
  PAYMENT_METHODS,
  PRICE_ITEM_KINDS,
  RECORD_STATUSES,
  RECORD_TYPES,
  SPECIES,
  STAFF_ROLES,
} from '../domain/enums.js';
import { table, type ReplicatedTableSpec } from './table-spec.js';

export type { ColumnType, ReplicatedTableSpec } from './table-spec.js';

export const REPLICATED_TABLES = {
  clinics: table(
    'clinics',
    {
      id: 'uuid',
      name: 'text',
      address: 'text',
      phone: 'text',
      email: 'text',
      timezone: 'text',
      currency: 'text',
      tax_registration_number: 'text',
      payment_terms: 'text',
      default_due_days: 'integer',
    },
    // `enums: {}` spelled out: left to its default, every column would type as an enum's text.
    { required: ['timezone', 'currency', 'default_due_days'], enums: {} },
  ),
  staff: table(
    'staff',
    {
      id: 'uuid',
      clinic_id: 'uuid',
      role: 'text',
      display_name: 'text',
      username: 'text',
      email: 'text',
      // Raised when the person's credentials end (password, reset, deactivation, role): a
      // workstation then forgets what it cached for their offline sign-in.
      credential_version: 'integer',
    },
    { softDelete: true, required: ['role'], enums: { role: STAFF_ROLES } },
  ),
  devices: table(
    'devices',
    {
      id: 'uuid',
      clinic_id: 'uuid',
      name: 'text',
      enrolled_at: 'timestamptz',
      last_seen_at: 'timestamptz',
      revoked_at: 'timestamptz',
    },
    { required: ['enrolled_at'] },
  ),
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
    { softDelete: true, clinicalText: ['notes'], required: ['first_name', 'last_name'] },
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
      deceased_on: 'date',
    },
    {
      softDelete: true,
      clinicalText: ['alerts', 'notes'],
      required: ['name', 'species', 'gender', 'neutered', 'status'],
      enums: { species: SPECIES, gender: PATIENT_GENDERS, status: PATIENT_STATUSES },
    },
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
    {
      softDelete: true,
      clinicalText: ['title', 'subjective', 'objective', 'assessment', 'plan'],
      required: ['patient_id', 'record_type', 'status', 'visit_at'],
      enums: { record_type: RECORD_TYPES, status: RECORD_STATUSES },
    },
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
    {
      softDelete: true,
      clinicalText: ['notes'],
      required: ['patient_id', 'scheduled_at', 'duration_minutes', 'status'],
      enums: { status: APPOINTMENT_STATUSES },
    },
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
    {
      softDelete: true,
      required: ['name', 'kind', 'unit_price', 'tax_rate', 'active'],
      enums: { kind: PRICE_ITEM_KINDS },
    },
  ),
  bills: table(
    'bills',
    {
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
    },
    { required: ['status'], enums: { status: BILL_STATUSES } },
  ),
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
    { softDelete: true, required: ['bill_id', 'description', 'quantity', 'unit_price', 'tax_rate'] },
  ),
  bill_medical_records: table(
    'bill_medical_records',
    { id: 'uuid', bill_id: 'uuid', medical_record_id: 'uuid' },
    { required: ['bill_id', 'medical_record_id'] },
  ),
  payments: table(
    'payments',
    {
      id: 'uuid',
      kind: 'text',
      bill_id: 'uuid',
      owner_id: 'uuid',
      amount: 'numeric',
      method: 'text',
      tendered: 'numeric',
      paid_at: 'timestamptz',
      reference: 'text',
      received_by: 'uuid',
      notes: 'text',
      voided_at: 'timestamptz',
      voided_by: 'uuid',
      void_reason: 'text',
    },
    { required: ['kind', 'amount', 'paid_at'], enums: { kind: PAYMENT_KINDS, method: PAYMENT_METHODS } },
  ),
  /** Conflicts the server resolved (architecture §4), for the staff's conflicts inbox. */
  conflicts: table(
    'sync.conflicts',
    {
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
    },
    {
      required: ['kind', 'table_name', 'row_id', 'status'],
      enums: { kind: CONFLICT_KINDS, status: CONFLICT_STATUSES, resolution: CONFLICT_RESOLUTIONS },
    },
  ),
} as const satisfies Record<string, ReplicatedTableSpec>;

export type ReplicatedTableName = keyof typeof REPLICATED_TABLES;

export const REPLICATED_TABLE_NAMES = Object.keys(REPLICATED_TABLES) as ReplicatedTableName[];

/** Type guard for a replicated table name coming from the wire. */
export function isReplicatedTable(name: string): name is ReplicatedTableName {
  return Object.hasOwn(REPLICATED_TABLES, name);
}
