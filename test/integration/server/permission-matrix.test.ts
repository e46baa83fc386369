import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, ROUTE_PERMISSIONS, routeAllows, type RouteKey } from '../../../core/auth/permissions.js';
import { enrolResponseSchema, SESSION_HEADER } from '../../../core/auth/wire.js';
import { STAFF_ROLES, type StaffRole } from '../../../core/domain/enums.js';
import { newId } from '../../../core/ids.js';
import { MUTATION_NAMES, type MutationName } from '../../../core/mutations/registry.js';
import {
  PROTOCOL_HEADER,
  pushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  type MutationResult,
} from '../../../core/sync/protocol.js';
import type { CentralDb } from '../../../db/central/connection.js';
import { createEnrolmentCode } from '../../../server/auth/enrolment.js';
import { buildApp } from '../../../server/http/app.js';
import { ArtifactStore } from '../../../server/updates/artifact-store.js';
import { publishRelease } from '../../../server/updates/publish-release.js';
import { generateReleaseKeyPair } from '../../../server/updates/release-keys.js';
import { newSigningKeyPair } from '../../../sync/identity/mutation-signer.js';
import { CENTRAL_BACKENDS, freshCentralDb, type DisposableCentralDb } from '../../helpers/central-db.js';
import { createSampleRows, randomSampleRefs, SAMPLE_ARGS, type SampleRefs } from '../../helpers/mutation-samples.js';
import { makeReleaseDir } from '../../helpers/release-fixtures.js';
import {
  addAccount,
  addClinic,
  sessionHeaders,
  signed,
  signIn,
  TEST_PASSWORD,
  TEST_SCRYPT_COST,
  type SignedIn,
} from '../../helpers/staff-accounts.js';
import { countRows, envelope } from '../../helpers/sync-fixtures.js';

/**
 * The whole permission matrix (core/auth/permissions.ts) walked on the real server: every
 * mutation and every route for every role, the expected outcome read from the matrix itself,
 * plus the identity variants (no session, expired, another device's, revoked device, forged
 * session and device tokens). The server runs as in production, without the development scheme:
 * every device is enrolled with a one-time code. One database per engine for the whole file;
 * every case makes its own rows, so no case depends on another's.
 */

interface Device {
  deviceId: string;
  authorization: string;
}

interface Practice {
  clinicId: string;
  device: Device;
  otherDevice: Device;
  staff: Record<StaffRole, { id: string; username: string; session: SignedIn }>;
}

const NEW_PASSWORD = 'a brand new passphrase';

/** One request per route that changes nothing another case relies on; `undefined`: not served here. */
type RouteRequest = (
  practice: Practice,
  role: StaffRole,
  db: CentralDb,
  app: FastifyInstance,
) => Promise<InjectOptions>;

/** A throwaway account of `role`, signed in on the practice's device, for routes that end sessions. */
async function throwaway(practice: Practice, role: StaffRole, db: CentralDb, app: FastifyInstance) {
  const username = `temp-${newId().slice(-12)}`;
  const id = await addAccount(db, { username, role, clinicId: practice.clinicId });
  return { id, session: await signIn(app, practice.device.authorization, username) };
}

const json = { 'content-type': 'application/json' };

/** A one-time enrolment code of `clinicId`, as `npm run enrol` makes it. */
async function enrolmentCode(db: CentralDb, clinicId: string): Promise<string> {
  return (await createEnrolmentCode(db, { clinicId, deviceName: 'Matrix workstation', createdBy: null })).code;
}

/** A device of `clinicId` enrolled the production way: a code traded at `POST /v1/enrol`. */
async function enrolDevice(app: FastifyInstance, db: CentralDb, clinicId: string): Promise<Device> {
  const code = await enrolmentCode(db, clinicId);
  const reply = await app.inject({ method: 'POST', url: '/v1/enrol', headers: json, payload: { code } });
  const { deviceId, token } = enrolResponseSchema.parse(reply.json());
  return { deviceId, authorization: `Bearer ${token}` };
}

/** A device token of the right shape that the server never issued. */
const FORGED_DEVICE = `Bearer vdd_${'A'.repeat(43)}`;

/** The session routes: each request is made as `role`'s signed-in person. */
const SESSION_ROUTES: Partial<Record<RouteKey, RouteRequest>> = {
  'GET /v1/audit/:table/:id': (practice, role) =>
    Promise.resolve({
      method: 'GET',
      url: `/v1/audit/staff/${practice.staff.vet.id}`,
      headers: sessionHeaders(practice.device.authorization, practice.staff[role].session.token),
    }),
  'POST /v1/admin/staff': (practice, role) =>
    Promise.resolve({
      method: 'POST',
      url: '/v1/admin/staff',
      headers: { ...json, ...sessionHeaders(practice.device.authorization, practice.staff[role].session.token) },
      payload: {
        username: `new-${newId().slice(-12)}`,
        displayName: 'New Hire',
        role: 'nurse',
        password: NEW_PASSWORD,
      },
    }),
  'PATCH /v1/admin/staff/:id': async (practice, role, db) => {
    const target = await addAccount(db, {
      username: `edit-${newId().slice(-12)}`,
      role: 'nurse',
      clinicId: practice.clinicId,
    });
    return {
      method: 'PATCH',
      url: `/v1/admin/staff/${target}`,
      headers: { ...json, ...sessionHeaders(practice.device.authorization, practice.staff[role].session.token) },
      payload: { displayName: 'Renamed' },
    };
  },
  'POST /v1/admin/staff/:id/password': async (practice, role, db) => {
    const target = await addAccount(db, {
      username: `reset-${newId().slice(-12)}`,
      role: 'nurse',
      clinicId: practice.clinicId,
    });
    return {
      method: 'POST',
      url: `/v1/admin/staff/${target}/password`,
      headers: { ...json, ...sessionHeaders(practice.device.authorization, practice.staff[role].session.token) },
      payload: { newPassword: NEW_PASSWORD },
    };
  },
  // Signing out and changing one's password end the session: a throwaway person of the role.
  'POST /v1/auth/sign-out': async (practice, role, db, app) => {
    const { session } = await throwaway(practice, role, db, app);
    return {
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: sessionHeaders(practice.device.authorization, session.token),
    };
  },
  'POST /v1/admin/enrolment-codes': (practice, role) =>
    Promise.resolve({
      method: 'POST',
      url: '/v1/admin/enrolment-codes',
      headers: { ...json, ...sessionHeaders(practice.device.authorization, practice.staff[role].session.token) },
      payload: { deviceName: 'Spare workstation', hours: 1 },
    }),
  // Revoking a device of its own, so the practice's devices keep working.
  'POST /v1/admin/devices/:id/revoke': async (practice, role, db, app) => {
    const target = await enrolDevice(app, db, practice.clinicId);
    return {
      method: 'POST',
      url: `/v1/admin/devices/${target.deviceId}/revoke`,
      headers: sessionHeaders(practice.device.authorization, practice.staff[role].session.token),
    };
  },
  'GET /v1/admin/updates': (practice, role) =>
    Promise.resolve({
      method: 'GET',
      url: '/v1/admin/updates',
      headers: sessionHeaders(practice.device.authorization, practice.staff[role].session.token),
    }),
  // The channel changes leave the beta channel as the file's setup left it: resumed, at 100%,
  // serving its one release.
  'POST /v1/admin/updates/:channel/hold': (practice, role) => updateChange(practice, role, 'hold', { held: false }),
  'POST /v1/admin/updates/:channel/rollback': (practice, role) =>
    updateChange(practice, role, 'rollback', { version: MATRIX_RELEASE }),
  'POST /v1/admin/updates/:channel/rollout': (practice, role) =>
    updateChange(practice, role, 'rollout', { percent: 100 }),
  'GET /v1/admin/sync/restore-gaps': (practice, role) =>
    Promise.resolve({
      method: 'GET',
      url: '/v1/admin/sync/restore-gaps',
      headers: sessionHeaders(practice.device.authorization, practice.staff[role].session.token),
    }),
  'POST /v1/auth/password': async (practice, role, db, app) => {
    const { session } = await throwaway(practice, role, db, app);
    return {
      method: 'POST',
      url: '/v1/auth/password',
      headers: { ...json, ...sessionHeaders(practice.device.authorization, session.token) },
      payload: {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        signingPublicKey: newSigningKeyPair().publicKeyBase64,
      },
    };
  },
};

/** The release the file's setup publishes on the beta channel. */
const MATRIX_RELEASE = '1.0.0';

/** A change of the beta update channel as `role`'s signed-in person. */
function updateChange(practice: Practice, role: StaffRole, action: string, body: unknown): Promise<InjectOptions> {
  return Promise.resolve({
    method: 'POST',
    url: `/v1/admin/updates/beta/${action}`,
    headers: { ...json, ...sessionHeaders(practice.device.authorization, practice.staff[role].session.token) },
    payload: JSON.stringify(body),
  });
}

/** A fresh well-formed request of a device or public route, from the practice's device. */
type DeviceRouteRequest = (practice: Practice, db: CentralDb) => InjectOptions | Promise<InjectOptions>;

/** The device and public routes: a well-formed request from the practice's device. */
const DEVICE_ROUTES: Partial<Record<RouteKey, DeviceRouteRequest>> = {
  'GET /': () => ({ method: 'GET', url: '/' }),
  'GET /healthz': () => ({ method: 'GET', url: '/healthz' }),
  // Each request its own code: a code works once.
  'POST /v1/enrol': async (practice, db) => ({
    method: 'POST',
    url: '/v1/enrol',
    headers: { ...json, authorization: practice.device.authorization },
    payload: { code: await enrolmentCode(db, practice.clinicId), deviceName: 'Matrix enrolment' },
  }),
  'POST /v1/auth/sign-in': (practice) => ({
    method: 'POST',
    url: '/v1/auth/sign-in',
    headers: { ...json, authorization: practice.device.authorization },
    payload: {
      username: practice.staff.nurse.username,
      password: TEST_PASSWORD,
      signingPublicKey: newSigningKeyPair().publicKeyBase64,
    },
  }),
  'GET /v1/shape': (practice) => ({
    method: 'GET',
    url: '/v1/shape?table=owners&offset=-1',
    headers: { authorization: practice.device.authorization },
  }),
  'POST /v1/mutations': (practice) => ({
    method: 'POST',
    url: '/v1/mutations',
    headers: {
      ...json,
      authorization: practice.device.authorization,
      [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    },
    payload: {
      protocolVersion: SYNC_PROTOCOL_VERSION,
      mutations: [signedAs(practice, 'front_desk', 'owner.create', randomSampleRefs())],
    },
  }),
  'GET /v1/sync/counts': (practice) => ({
    method: 'GET',
    url: '/v1/sync/counts',
    headers: { authorization: practice.device.authorization },
  }),
  'GET /updates/:channel/:file': (practice) => ({
    method: 'GET',
    url: '/updates/beta/latest.yml',
    headers: { authorization: practice.device.authorization },
  }),
  'GET /v1/sync/epoch': (practice) => ({
    method: 'GET',
    url: '/v1/sync/epoch',
    headers: { authorization: practice.device.authorization },
  }),
};

/** `name` with its sample arguments, made now by `role`'s signed-in person and signed with their key. */
function signedAs(practice: Practice, role: StaffRole, name: MutationName, refs: SampleRefs) {
  const person = practice.staff[role];
  return signed(
    envelope(name, SAMPLE_ARGS[name](refs), person.id, { createdAt: new Date().toISOString() }),
    practice.device.deviceId,
    { keyId: person.session.keyId, privateKey: person.session.privateKey },
  );
}

const ROUTE_KEYS = Object.keys(ROUTE_PERMISSIONS) as RouteKey[];

/** `METHOD /path` as fastify's `hasRoute` wants it. */
function served(app: FastifyInstance, route: RouteKey): boolean {
  const [method, url] = route.split(' ') as [InjectOptions['method'] & string, string];
  return app.hasRoute({ method, url });
}

describe.each(CENTRAL_BACKENDS)('the permission matrix on %s', (kind) => {
  let handle: DisposableCentralDb;
  let app: FastifyInstance;
  let practice: Practice;
  const db = () => handle.db;

  let updatesDir: string;
  let releaseDir: string;

  beforeAll(async () => {
    handle = await freshCentralDb(kind);
    updatesDir = await mkdtemp(path.join(os.tmpdir(), 'vetdesk-matrix-updates-'));
    app = buildApp({
      db: handle.db,
      version: 'test',
      logLevel: 'silent',
      staffAuth: { scryptCost: TEST_SCRYPT_COST },
      updatesDir,
    });
    const releaseKeys = generateReleaseKeyPair();
    releaseDir = (await makeReleaseDir(MATRIX_RELEASE, releaseKeys.privateKeyPem, { size: 1_000 })).dir;
    await publishRelease(handle.db, new ArtifactStore(updatesDir), {
      dir: releaseDir,
      channel: 'beta',
      publicKeyPem: releaseKeys.publicKeyPem,
      publishedBy: 'cli:test',
    });
    const clinicId = await addClinic(db());
    const device = await enrolDevice(app, db(), clinicId);
    const otherDevice = await enrolDevice(app, db(), clinicId);
    const staff = {} as Practice['staff'];
    for (const role of STAFF_ROLES) {
      const username = `${role.replace('_', '-')}-one`;
      const id = await addAccount(db(), { username, role, clinicId });
      staff[role] = { id, username, session: await signIn(app, device.authorization, username) };
    }
    practice = { clinicId, device, otherDevice, staff };
  }, 120_000);

  afterAll(async () => {
    await app.close();
    await handle.dispose();
    for (const dir of [updatesDir, releaseDir]) await rm(dir, { recursive: true, force: true });
  });

  /** Pushes `name` with its sample arguments as `role`'s signed-in person, signed with their key. */
  async function pushAs(role: StaffRole, name: MutationName, refs: SampleRefs): Promise<MutationResult> {
    const mutation = signedAs(practice, role, name, refs);
    const reply = await app.inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: {
        ...json,
        authorization: practice.device.authorization,
        [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
      },
      payload: { protocolVersion: SYNC_PROTOCOL_VERSION, mutations: [mutation] },
    });
    expect(reply.statusCode, reply.body).toBe(200);
    return pushResponseSchema.parse(reply.json()).results[0]!;
  }

  /** Asserts the outcome the matrix promises: applied (or merged), or FORBIDDEN with nothing written. */
  async function expectOutcome(allowed: boolean, push: () => Promise<MutationResult>): Promise<void> {
    const auditBefore = await countRows(db(), 'audit.entity_changes');
    const result = await push();
    if (allowed) {
      expect(['applied', 'merged'], JSON.stringify(result)).toContain(result.status);
      expect(await countRows(db(), 'audit.entity_changes')).toBeGreaterThan(auditBefore);
    } else {
      expect(result).toMatchObject({ status: 'rejected', error: { code: 'FORBIDDEN', details: { reason: 'role' } } });
      expect(await countRows(db(), 'audit.entity_changes')).toBe(auditBefore);
    }
  }

  const mutationCases = MUTATION_NAMES.flatMap((name) => STAFF_ROLES.map((role) => ({ name, role })));
  it.each(mutationCases)('$name by a $role: as the matrix says', async ({ name, role }) => {
    const refs = await createSampleRows(db(), practice.staff.vet.id);
    await expectOutcome(can(role, { mutation: name }), () => pushAs(role, name, refs));
  });

  const conflictTables = ['owners', 'medical_records', 'bills'] as const;
  const conflictCases = conflictTables.flatMap((table) => STAFF_ROLES.map((role) => ({ table, role })));
  it.each(conflictCases)('resolving a conflict on $table by a $role: as the matrix says', async ({ table, role }) => {
    const refs = await createSampleRows(db(), practice.staff.vet.id, table);
    await expectOutcome(can(role, { resolveConflictOn: table }), () => pushAs(role, 'conflict.resolve', refs));
  });

  it('has a case for every route this server serves, and serves every route a case is written for', () => {
    for (const route of ROUTE_KEYS) {
      const access = ROUTE_PERMISSIONS[route];
      const cases = typeof access === 'string' && access !== 'session' ? DEVICE_ROUTES : SESSION_ROUTES;
      expect(served(app, route) ? route : undefined, `${route} is served but has no case`).toBe(
        cases[route] ? route : undefined,
      );
    }
  });

  const sessionRouteCases = ROUTE_KEYS.filter((route) => SESSION_ROUTES[route]).flatMap((route) =>
    STAFF_ROLES.map((role) => ({ route, role })),
  );
  it.each(sessionRouteCases)('$route for a $role: as the matrix says', async ({ route, role }) => {
    const reply = await app.inject(await SESSION_ROUTES[route]!(practice, role, db(), app));
    if (routeAllows(route, role)) expect(reply.statusCode, reply.body).toBeLessThan(300);
    else
      expect({ status: reply.statusCode, code: reply.json<{ code: string }>().code }).toEqual({
        status: 403,
        code: 'FORBIDDEN',
      });
  });

  /** Identity variants: the request of a session route as the admin, with its credentials spoilt. */
  const variants: Record<
    string,
    { spoil: (request: InjectOptions, db: CentralDb) => Promise<InjectOptions>; code: string }
  > = {
    'no session': {
      spoil: (request) => Promise.resolve(withHeaders(request, { [SESSION_HEADER]: undefined })),
      code: 'SESSION_REQUIRED',
    },
    'a forged session token': {
      spoil: (request) => Promise.resolve(withHeaders(request, { [SESSION_HEADER]: `vds_${'A'.repeat(43)}` })),
      code: 'SESSION_REQUIRED',
    },
    'another device’s session': {
      spoil: (request) => Promise.resolve(withHeaders(request, { authorization: practice.otherDevice.authorization })),
      code: 'SESSION_REQUIRED',
    },
    'an expired session': {
      spoil: async (request, database) => {
        const admin = await throwaway(practice, 'admin', database, app);
        await database.query(
          `update staff_sessions set created_at = now() - interval '13 hours', expires_at = now() - interval '1 second'
             where staff_id = $1`,
          [admin.id],
        );
        return withHeaders(request, { [SESSION_HEADER]: admin.session.token });
      },
      code: 'SESSION_REQUIRED',
    },
    'no device credential': {
      spoil: (request) => Promise.resolve(withHeaders(request, { authorization: undefined })),
      code: 'UNAUTHENTICATED',
    },
    'a forged device token': {
      spoil: (request) => Promise.resolve(withHeaders(request, { authorization: FORGED_DEVICE })),
      code: 'UNAUTHENTICATED',
    },
    'a revoked device': {
      spoil: async (request, database) => {
        const device = await enrolDevice(app, database, practice.clinicId);
        await database.query(`update devices set revoked_at = now() where id = $1`, [device.deviceId]);
        return withHeaders(request, { authorization: device.authorization });
      },
      code: 'DEVICE_REVOKED',
    },
  };
  const variantCases = ROUTE_KEYS.filter((route) => SESSION_ROUTES[route]).flatMap((route) =>
    Object.keys(variants).map((variant) => ({ route, variant })),
  );
  it.each(variantCases)('$route with $variant: 401', async ({ route, variant }) => {
    const { spoil, code } = variants[variant]!;
    const request = await spoil(await SESSION_ROUTES[route]!(practice, 'admin', db(), app), db());
    const reply = await app.inject(request);
    expect({ status: reply.statusCode, code: reply.json<{ code: string }>().code }).toEqual({ status: 401, code });
  });

  const deviceRouteCases = ROUTE_KEYS.filter((route) => DEVICE_ROUTES[route]);
  it.each(deviceRouteCases)(
    '%s: answered for the device; refused (401) without it or with a forged one unless public',
    async (route) => {
      const request = () => DEVICE_ROUTES[route]!(practice, db());
      const reply = await app.inject(await request());
      expect(reply.statusCode, reply.body).toBeLessThan(300);
      for (const authorization of [undefined, FORGED_DEVICE]) {
        const stranger = await app.inject(withHeaders(await request(), { authorization }));
        if (ROUTE_PERMISSIONS[route] === 'public') expect(stranger.statusCode, stranger.body).toBeLessThan(300);
        else
          expect({ status: stranger.statusCode, code: stranger.json<{ code: string }>().code }).toEqual({
            status: 401,
            code: 'UNAUTHENTICATED',
          });
      }
    },
  );
});

/** `request` with headers replaced (`undefined` removes one). */
function withHeaders(request: InjectOptions, changes: Record<string, string | undefined>): InjectOptions {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    ...(request.headers as Record<string, string> | undefined),
    ...changes,
  })) {
    if (value !== undefined) headers[name] = value;
  }
  return { ...request, headers };
}
