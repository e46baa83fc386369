import type { EnrolmentView } from '../../../core/api/identity-views.js';
import type { EnrolResponse } from '../../../core/auth/wire.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import type { SecretStore } from '../secret-store.js';

/** The secret holding this workstation's device token. */
export const DEVICE_TOKEN_SECRET = 'device-token';

/** What the replica remembers of the enrolment (never the token: that is in the SecretStore). */
export interface Enrolment {
  state: 'enrolled' | 'revoked';
  deviceId: string;
  deviceName: string;
  serverUrl: string;
  clinicId: string;
  clinicName: string | null;
}

const KEYS = {
  state: 'enrolment_state',
  deviceId: 'device_id',
  deviceName: 'device_name',
  serverUrl: 'server_url',
  clinicId: 'clinic_id',
  clinicName: 'clinic_name',
} as const;

/**
 * The enrolment stored in the replica's meta, or null before the first enrolment. Only reads
 * meta, so a database not yet opened as a replica (before a migration) can answer too.
 */
export function readEnrolment(replica: { meta(key: string): string | undefined }): Enrolment | null {
  const state = replica.meta(KEYS.state);
  const deviceId = replica.meta(KEYS.deviceId);
  const deviceName = replica.meta(KEYS.deviceName);
  const serverUrl = replica.meta(KEYS.serverUrl);
  const clinicId = replica.meta(KEYS.clinicId);
  if ((state !== 'enrolled' && state !== 'revoked') || !deviceId || !deviceName || !serverUrl || !clinicId) {
    return null;
  }
  const clinicName = replica.meta(KEYS.clinicName);
  return { state, deviceId, deviceName, serverUrl, clinicId, clinicName: clinicName ? clinicName : null };
}

/**
 * Records a successful enrolment: the token first (in `secrets`), then the facts in the
 * replica, the state last. A crash in between leaves the workstation not enrolled, and enrolling
 * again with a new code replaces the orphan token.
 */
export async function saveEnrolment(
  replica: LocalReplica,
  secrets: SecretStore,
  serverUrl: string,
  answer: EnrolResponse,
): Promise<Enrolment> {
  await secrets.write(DEVICE_TOKEN_SECRET, answer.token);
  replica.meta(KEYS.deviceId, answer.deviceId);
  replica.meta(KEYS.deviceName, answer.deviceName);
  replica.meta(KEYS.serverUrl, serverUrl);
  replica.meta(KEYS.clinicId, answer.clinic.id);
  replica.meta(KEYS.clinicName, answer.clinic.name ?? '');
  replica.meta(KEYS.state, 'enrolled');
  return {
    state: 'enrolled',
    deviceId: answer.deviceId,
    deviceName: answer.deviceName,
    serverUrl,
    clinicId: answer.clinic.id,
    clinicName: answer.clinic.name,
  };
}

/** Marks the workstation revoked (it stays so: an admin must enrol a new one). */
export function markRevoked(replica: LocalReplica): void {
  replica.meta(KEYS.state, 'revoked');
}

/** The enrolment as identity.state shows it; `pendingChanges` counts what a revoked one never sent. */
export function enrolmentView(enrolment: Enrolment | null, pendingChanges: number): EnrolmentView {
  if (!enrolment) return { state: 'not_enrolled' };
  const { deviceId, deviceName, serverUrl } = enrolment;
  return enrolment.state === 'revoked'
    ? { state: 'revoked', deviceId, deviceName, serverUrl, pendingChanges }
    : { state: 'enrolled', deviceId, deviceName, serverUrl, clinicName: enrolment.clinicName };
}
