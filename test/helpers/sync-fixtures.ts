import { newId } from '../../core/ids.js';
import type { MutationInput } from '../../core/mutations/registry.js';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import {
  PROTOCOL_HEADER,
  SYNC_PROTOCOL_VERSION,
  type MutationEnvelope,
  type MutationResult,
} from '../../core/sync/protocol.js';
import type { CentralDb, SqlExecutor } from '../../db/central/connection.js';
import { applyBatch } from '../../sync/server/apply-batch.js';
import { insertStaff } from './central-fixtures.js';

/** One staff member of each role and a device, as the write-path tests need them. */
export interface SyncPractice {
  admin: string;
  vet: string;
  nurse: string;
  frontDesk: string;
  deviceId: string;
}

export async function setupPractice(db: SqlExecutor): Promise<SyncPractice> {
  const staff = async (role: string, display_name: string) => (await insertStaff(db, { role, display_name })).id;
  return {
    admin: await staff('admin', 'Ada Admin'),
    vet: await staff('vet', 'Dr. Vera Vet'),
    nurse: await staff('nurse', 'Nina Nurse'),
    frontDesk: await staff('front_desk', 'Fred Desk'),
    deviceId: newId(),
  };
}

// A week ago, so the claimed times lie inside the server's offline window
// (sync/server/server-time.ts) and are written as claimed: 10,080 envelopes before it reaches now.
let clock = Date.now() - 7 * 24 * 60 * 60 * 1000;

/** A mutation envelope with a fresh id and a workstation clock that moves forward, a minute a step. */
export function envelope(
  name: string,
  args: unknown,
  staffId: string,
  options: { id?: string; createdAt?: string } = {},
): MutationEnvelope {
  clock += 60_000;
  return {
    id: options.id ?? newId(),
    name,
    args,
    staffId,
    createdAt: options.createdAt ?? new Date(clock).toISOString(),
  };
}

/** Pushes envelopes from `deviceId` (a development-scheme device) and returns the results in order. */
export function push(db: CentralDb, deviceId: string, ...envelopes: MutationEnvelope[]): Promise<MutationResult[]> {
  return applyBatch(db, { deviceId, scheme: 'development' }, envelopes);
}

/**
 * `POST /v1/mutations` of `mutations` (any value: tests send malformed ones too) from the
 * development-scheme device `deviceId`, through `app.inject`.
 */
export function injectPush(
  app: FastifyInstance,
  deviceId: string,
  mutations: readonly unknown[],
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/v1/mutations',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer dev-device:${deviceId}`,
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    },
    payload: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, mutations }),
  });
}

/** Pushes one envelope and returns its result. */
export async function pushOne(db: CentralDb, deviceId: string, mutation: MutationEnvelope): Promise<MutationResult> {
  return (await push(db, deviceId, mutation))[0]!;
}

/** `result` narrowed to `status`; throws, failing the test, when it has another status. */
export function withStatus<Status extends MutationResult['status']>(
  result: MutationResult | undefined,
  status: Status,
): Extract<MutationResult, { status: Status }> {
  if (result?.status !== status) throw new Error(`Expected a ${status} result, got ${JSON.stringify(result)}`);
  return result as Extract<MutationResult, { status: Status }>;
}

export async function countRows(
  db: SqlExecutor,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
  return rows[0]!.n;
}

/** The fields of an owner.create, with overrides. */
export function ownerArgs(overrides: Partial<MutationInput<'owner.create'>> = {}): MutationInput<'owner.create'> {
  return {
    id: newId(),
    first_name: 'Ada',
    last_name: 'Lovelace',
    email: null,
    phone: null,
    address: null,
    city: null,
    postcode: null,
    notes: null,
    ...overrides,
  };
}

/** The fields of a patient.create, with overrides. */
export function patientArgs(overrides: Partial<MutationInput<'patient.create'>> = {}): MutationInput<'patient.create'> {
  return {
    id: newId(),
    owner_id: null,
    name: 'Biscuit',
    species: 'dog',
    breed: null,
    color: null,
    gender: 'unknown',
    neutered: false,
    birth_date: null,
    weight_kg: null,
    microchip: null,
    status: 'active',
    alerts: null,
    notes: null,
    ...overrides,
  };
}

/** The fields of a medicalRecord.create, with overrides. */
export function recordArgs(patientId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newId(),
    patient_id: patientId,
    record_type: 'exam',
    visit_at: '2025-03-01T09:00:00Z',
    vet_id: null,
    title: 'Check-up',
    subjective: null,
    objective: null,
    assessment: null,
    plan: null,
    weight_kg: null,
    ...overrides,
  };
}

/** The fields of an appointment.create, with overrides. */
export function appointmentArgs(patientId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newId(),
    patient_id: patientId,
    vet_id: null,
    scheduled_at: '2025-03-10T09:00:00Z',
    duration_minutes: 30,
    reason: null,
    notes: null,
    ...overrides,
  };
}

/** One bill item for bill.create. */
export function itemArgs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: newId(),
    description: 'Consultation',
    quantity: '1',
    unit_price: '40.00',
    tax_rate: '0',
    price_list_item_id: null,
    ...overrides,
  };
}
