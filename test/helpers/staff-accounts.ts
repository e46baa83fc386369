import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import type { KeyObject } from 'node:crypto';
import { SESSION_HEADER, signInResponseSchema, type SignInResponse } from '../../core/auth/wire.js';
import { newId } from '../../core/ids.js';
import type { MutationEnvelope } from '../../core/sync/protocol.js';
import type { CentralDb, SqlExecutor } from '../../db/central/connection.js';
import { buildApp } from '../../server/http/app.js';
import { hashPassword, type ScryptCost } from '../../sync/identity/password-hash.js';
import { newSigningKeyPair, signMutation } from '../../sync/identity/mutation-signer.js';
import { insertRow } from './central-fixtures.js';

/** Cheap scrypt for tests: the format and checks are the production ones, the cost is not. */
export const TEST_SCRYPT_COST: ScryptCost = { logN: 12, r: 8, p: 1 };

export const TEST_PASSWORD = 'correct horse battery';

/** The central app as sign-in tests use it: development-scheme devices, cheap password hashes. */
export function staffTestApp(db: CentralDb): FastifyInstance {
  return buildApp({
    db,
    version: 'test',
    logLevel: 'silent',
    developmentAuth: true,
    staffAuth: { scryptCost: TEST_SCRYPT_COST },
  });
}

/**
 * The app of `staffTestApp` for one test file: built on first use in a test, closed after it.
 * Call at describe level; use the returned function inside tests.
 */
export function useStaffTestApp(db: () => CentralDb): () => FastifyInstance {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  return () => (app ??= staffTestApp(db()));
}

/** A clinic row's id. */
export async function addClinic(db: SqlExecutor, name = 'Riverside Vets'): Promise<string> {
  return (await insertRow<{ id: string }>(db, 'clinics', { name })).id;
}

/** A device of `clinicId` and the Authorization header that names it (development scheme). */
export async function addDevice(
  db: SqlExecutor,
  clinicId: string | null,
): Promise<{ deviceId: string; authorization: string }> {
  const { id } = await insertRow<{ id: string }>(db, 'devices', {
    id: newId(),
    name: 'Front desk',
    clinic_id: clinicId,
  });
  return { deviceId: id, authorization: `Bearer dev-device:${id}` };
}

/** An active staff account with a password, and its id. */
export async function addAccount(
  db: SqlExecutor,
  account: { username: string; role: string; clinicId: string | null; password?: string; displayName?: string },
): Promise<string> {
  const row = await insertRow<{ id: string }>(db, 'staff', {
    username: account.username,
    role: account.role,
    clinic_id: account.clinicId,
    display_name: account.displayName ?? account.username,
    password_hash: await hashPassword(account.password ?? TEST_PASSWORD, TEST_SCRYPT_COST),
  });
  return row.id;
}

/** A signed-in person: the session token, the signing key id and its private half. */
export interface SignedIn {
  response: SignInResponse;
  token: string;
  keyId: string;
  privateKey: KeyObject;
}

/** Posts a sign-in with a fresh key pair; the raw reply, for tests of failures. */
export async function postSignIn(
  app: FastifyInstance,
  authorization: string,
  username: string,
  password: string,
): Promise<{ reply: Awaited<ReturnType<FastifyInstance['inject']>>; privateKey: KeyObject }> {
  const { privateKey, publicKeyBase64 } = newSigningKeyPair();
  const reply = await app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    headers: { authorization, 'content-type': 'application/json' },
    payload: { username, password, signingPublicKey: publicKeyBase64 },
  });
  return { reply, privateKey };
}

/** Signs in and fails the test unless it succeeds. */
export async function signIn(
  app: FastifyInstance,
  authorization: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<SignedIn> {
  const { reply, privateKey } = await postSignIn(app, authorization, username, password);
  if (reply.statusCode !== 200) throw new Error(`sign-in failed: ${reply.statusCode} ${reply.body}`);
  const response = signInResponseSchema.parse(reply.json());
  return { response, token: response.session.token, keyId: response.signingKey.id, privateKey };
}

/** Headers of a request that acts for the signed-in person. */
export function sessionHeaders(authorization: string, token: string): Record<string, string> {
  return { authorization, [SESSION_HEADER]: token };
}

/** `envelope` signed by `signer` on `deviceId`. */
export function signed(
  envelope: MutationEnvelope,
  deviceId: string,
  signer: { keyId: string; privateKey: KeyObject },
): MutationEnvelope {
  const value = signMutation(signer.privateKey, { ...envelope, deviceId, args: envelope.args });
  return { ...envelope, signature: { keyId: signer.keyId, value } };
}
