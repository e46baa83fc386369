import type { KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { enrolResponseSchema, signInResponseSchema } from '../../core/auth/wire.js';
import type { CentralDb } from '../../db/central/connection.js';
import { createEnrolmentCode } from '../../server/auth/enrolment.js';
import { newSigningKeyPair } from '../../sync/identity/mutation-signer.js';
import { addAccount, addClinic, sessionHeaders, signIn, TEST_PASSWORD } from './staff-accounts.js';

/**
 * The identities the HTTP fuzz test acts with, made the production way over HTTP on an app
 * without the development scheme: devices enrolled with one-time codes (`vdd_` tokens), staff
 * signed in on each (session tokens and Ed25519 signing keys), plus credentials that must be
 * refused: a signed-out session and a signing key revoked by a password change.
 */

export const FUZZ_ROLES = ['admin', 'vet', 'nurse', 'frontDesk'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

/** Index of one of the two enrolled devices the fuzzer pushes from. */
export type DeviceSlot = 0 | 1;

export interface FuzzDevice {
  deviceId: string;
  /** `Bearer vdd_...`. */
  authorization: string;
}

/** One person signed in on one device: the session token and the signing key it registered. */
export interface FuzzCredential {
  staffId: string;
  session: string;
  keyId: string;
  privateKey: KeyObject;
}

export interface FuzzIdentity {
  clinicId: string;
  staff: Record<FuzzRole, string>;
  /** A staff member admin routes may change or reset: nobody the fuzzer signs as. */
  spareStaffId: string;
  /** A third enrolled device admin routes may revoke: not one the fuzzer pushes from. */
  spareDeviceId: string;
  devices: readonly [FuzzDevice, FuzzDevice];
  /** `credentials[slot][role]`: each role signed in on each device. */
  credentials: readonly [Record<FuzzRole, FuzzCredential>, Record<FuzzRole, FuzzCredential>];
  /** A session of the vet on device 0 that was signed out. */
  signedOutSession: string;
  /** The spare member's first key and session on device 0, revoked by their password change. */
  revoked: FuzzCredential;
  /** Signs `role` in again on `slot` (after a fuzz case signed that session out). */
  refresh(slot: DeviceSlot, role: FuzzRole): Promise<void>;
}

const USERNAMES: Record<FuzzRole, string> = { admin: 'ada', vet: 'vera', nurse: 'nina', frontDesk: 'fran' };
const ROLE_COLUMN: Record<FuzzRole, string> = { admin: 'admin', vet: 'vet', nurse: 'nurse', frontDesk: 'front_desk' };

async function enrol(app: FastifyInstance, db: CentralDb, clinicId: string, name: string): Promise<FuzzDevice> {
  const { code } = await createEnrolmentCode(db, { clinicId, deviceName: name, createdBy: null });
  const reply = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { code } });
  if (reply.statusCode !== 201) throw new Error(`enrolment failed: ${reply.statusCode} ${reply.body}`);
  const { deviceId, token } = enrolResponseSchema.parse(reply.json());
  return { deviceId, authorization: `Bearer ${token}` };
}

async function credential(app: FastifyInstance, device: FuzzDevice, username: string): Promise<FuzzCredential> {
  const signedIn = await signIn(app, device.authorization, username);
  return {
    staffId: signedIn.response.staff.id,
    session: signedIn.token,
    keyId: signedIn.keyId,
    privateKey: signedIn.privateKey,
  };
}

async function signInAll(app: FastifyInstance, device: FuzzDevice): Promise<Record<FuzzRole, FuzzCredential>> {
  const entries: [FuzzRole, FuzzCredential][] = [];
  for (const role of FUZZ_ROLES) entries.push([role, await credential(app, device, USERNAMES[role])]);
  return Object.fromEntries(entries) as Record<FuzzRole, FuzzCredential>;
}

/**
 * A clinic with one account per role and a spare one, three enrolled devices, every role signed
 * in on the first two, a signed-out session and a revoked signing key. `app` must be built
 * without the development scheme and with a cheap scrypt cost (TEST_SCRYPT_COST).
 * @throws Error when any step the production path takes is refused.
 */
export async function enrolFuzzIdentity(app: FastifyInstance, db: CentralDb): Promise<FuzzIdentity> {
  const clinicId = await addClinic(db);
  const staffEntries: [FuzzRole, string][] = [];
  for (const role of FUZZ_ROLES) {
    const id = await addAccount(db, { username: USERNAMES[role], role: ROLE_COLUMN[role], clinicId });
    staffEntries.push([role, id]);
  }
  const spareStaffId = await addAccount(db, { username: 'sam', role: 'nurse', clinicId });
  const devices = [
    await enrol(app, db, clinicId, 'Front desk'),
    await enrol(app, db, clinicId, 'Consulting room'),
  ] as const;
  const spareDevice = await enrol(app, db, clinicId, 'Spare laptop');
  const credentials = [await signInAll(app, devices[0]), await signInAll(app, devices[1])] as const;

  const signedOut = await credential(app, devices[0], USERNAMES.vet);
  const signOut = await app.inject({
    method: 'POST',
    url: '/v1/auth/sign-out',
    headers: sessionHeaders(devices[0].authorization, signedOut.session),
  });
  if (signOut.statusCode !== 204) throw new Error(`sign-out failed: ${signOut.statusCode} ${signOut.body}`);

  const revoked = await credential(app, devices[0], 'sam');
  const changed = await app.inject({
    method: 'POST',
    url: '/v1/auth/password',
    headers: sessionHeaders(devices[0].authorization, revoked.session),
    payload: {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a much longer brand new passphrase',
      signingPublicKey: newSigningKeyPair().publicKeyBase64,
    },
  });
  if (changed.statusCode !== 200) throw new Error(`password change failed: ${changed.statusCode} ${changed.body}`);
  signInResponseSchema.parse(changed.json());

  return {
    clinicId,
    staff: Object.fromEntries(staffEntries) as Record<FuzzRole, string>,
    spareStaffId,
    spareDeviceId: spareDevice.deviceId,
    devices,
    credentials,
    signedOutSession: signedOut.session,
    revoked,
    async refresh(slot, role) {
      credentials[slot][role] = await credential(app, devices[slot], USERNAMES[role]);
    },
  };
}
