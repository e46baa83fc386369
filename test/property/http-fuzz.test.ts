import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ROUTE_PERMISSIONS } from '../../core/auth/permissions.js';
import { SESSION_HEADER } from '../../core/auth/wire.js';
import { wireErrorSchema } from '../../core/errors.js';
import { newId, UUID_PATTERN } from '../../core/ids.js';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../core/sync/protocol.js';
import type { CentralDbKind } from '../../db/central/connection.js';
import { buildApp } from '../../server/http/app.js';
import { DEFAULT_LIMITS } from '../../server/http/limits/limits-config.js';
import { freshCentralDb } from '../helpers/central-db.js';
import { dbFingerprint } from '../helpers/db-fingerprint.js';
import { enrolFuzzIdentity, type DeviceSlot, type FuzzIdentity } from '../helpers/fuzz-identity.js';
import {
  requestPlan,
  type Credentials,
  type DevicePlan,
  type MutationPlan,
  type RequestPlan,
  type SessionCall,
  type SessionKind,
} from '../helpers/fuzz-plans.js';
import { PROOF_REFUSALS, withProof, type FuzzEnvelope } from '../helpers/fuzz-proof.js';
import { printable } from '../helpers/fuzz-values.js';
import { TEST_SCRYPT_COST } from '../helpers/staff-accounts.js';
import { createSampleRows, SAMPLE_ARGS, type SampleRefs } from '../helpers/mutation-samples.js';
import { ownerArgs, patientArgs } from '../helpers/sync-fixtures.js';

/**
 * Hostile input against a real server and database (issue 9, item 4): malformed JSON, wrong
 * types, huge strings and arrays, control characters and unpaired surrogates, SQL-injection
 * strings, duplicate and reused mutation ids, invalid enum values, negative and enormous
 * amounts, bad query strings and headers on every route the app registers.
 * It goes the production way: no development scheme; devices enrolled with one-time codes and
 * their `vdd_` tokens, staff sessions from sign-in, mutations signed with the session's Ed25519
 * key, so valid pushes reach the real apply path; and every way to get credentials wrong
 * (altered tokens, another device's or a signed-out session, forged or misdirected signatures).
 * Asserts that no answer is a 5xx, that every refused request leaves every table exactly as it
 * was (row counts and checksums), that nothing succeeds without the credentials
 * ROUTE_PERMISSIONS asks for, that a mutation is refused exactly when its proof is bad, and that
 * the server is healthy afterwards.
 * `npm test` runs a seeded couple of hundred cases on PGlite; `npm run test:fuzz:long` runs
 * thousands on PGlite and PostgreSQL.
 */
const RUNS = Number(process.env['VETDESK_FUZZ_RUNS'] ?? 200);
const SEED = Number(process.env['VETDESK_FUZZ_SEED'] ?? 20261202);
const BACKENDS = (process.env['VETDESK_FUZZ_BACKENDS'] ?? 'pglite').split(',') as CentralDbKind[];

interface FuzzState {
  identity: FuzzIdentity;
  /** Ids already sent, to be reused with other arguments. */
  sentIds: string[];
  /** Every id sent so far: the ledger may hold these, and a replay must leave their rows alone. */
  knownIds: Set<string>;
  ownerId: string;
  patientId: string;
  /** Rows every mutation's sample arguments act on (test/helpers/mutation-samples.ts). */
  refs: SampleRefs;
  routes: string[];
}

/** Valid arguments for `name` over the sample rows (which the fuzzer then corrupts, or keeps). */
function template(name: string, state: FuzzState): Record<string, unknown> {
  const sample = (SAMPLE_ARGS as Record<string, ((refs: SampleRefs) => unknown) | undefined>)[name];
  return sample ? { ...(sample(state.refs) as Record<string, unknown>) } : { id: state.refs.patientId };
}

const slotOf = (plan: DevicePlan): DeviceSlot => (plan === 'device2' ? 1 : 0);

/** A device token with its last character changed: well-formed, unknown. */
function altered(authorization: string): string {
  return `${authorization.slice(0, -1)}${authorization.endsWith('A') ? 'B' : 'A'}`;
}

function authHeaders(plan: Credentials, identity: FuzzIdentity): Record<string, string> {
  const slot = slotOf(plan.device);
  const headers: Record<string, string> = {};
  const { devices, credentials: signedIn } = identity;
  switch (plan.device) {
    case 'device':
    case 'device2':
      headers['authorization'] = devices[slot].authorization;
      break;
    case 'altered':
      headers['authorization'] = altered(devices[0].authorization);
      break;
    case 'development':
      headers['authorization'] = `Bearer dev-device:${devices[0].deviceId}`;
      break;
    case 'sessionAsDevice':
      headers['authorization'] = `Bearer ${signedIn[0].admin.session}`;
      break;
    case 'junk':
      headers['authorization'] = printable(plan.junk.startsWith('B') ? plan.junk : `Bearer ${plan.junk}`);
      break;
    case 'none':
      break;
  }
  const other: DeviceSlot = slot === 0 ? 1 : 0;
  const session: Record<SessionKind, string | undefined> = {
    own: signedIn[slot][plan.role].session,
    otherDevice: signedIn[other][plan.role].session,
    signedOut: identity.signedOutSession,
    revoked: identity.revoked.session,
    junk: printable(plan.junk),
    none: undefined,
    deviceToken: devices[slot].authorization.slice('Bearer '.length),
  };
  const token = session[plan.session];
  if (token !== undefined) headers[SESSION_HEADER] = token;
  return headers;
}

/** What the server must say about one mutation's proof, when the push is answered at all. */
function expectedProof(plan: MutationPlan): 'passes' | 'refused' | 'either' {
  // A reused id answers what was recorded; a junk id may be one recorded before.
  if (plan.idKind !== 'new' || plan.staff === 'junk') return 'either';
  if (plan.proof !== 'valid' || plan.staff === 'unknown' || plan.createdAt !== 'now') return 'refused';
  return 'passes';
}

function createdAtFor(plan: MutationPlan): unknown {
  switch (plan.createdAt) {
    case 'now':
      return new Date().toISOString();
    case 'dayBefore':
      return new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString();
    case 'farFuture':
      return '9999-12-31T23:59:59Z';
    case 'farPast':
      return '0001-01-01T00:00:00Z';
    case 'junk':
      return plan.junkCreatedAt;
  }
}

interface BuiltRequest {
  options: InjectOptions & { url: string; method: string };
  /** The route pattern, as ROUTE_PERMISSIONS names it (`GET /v1/audit/:table/:id`). */
  routeKey: string;
  /** Ids a 200 push may record as rejected. */
  ledgerIds: string[];
  /** Per mutation, what its proof must lead to. */
  proofs: ('passes' | 'refused' | 'either')[];
}

function pushRequest(plan: Extract<RequestPlan, { kind: 'push' }>, state: FuzzState): BuiltRequest {
  const { identity } = state;
  const slot = slotOf(plan.credentials.device);
  const mutations = plan.mutations.map((m) => {
    const args: Record<string, unknown> = template(m.name, state);
    for (const { key, value } of m.corruptions) {
      if (key === null) continue;
      if (key === '__proto__')
        Object.defineProperty(args, key, { value, enumerable: true, configurable: true, writable: true });
      else args[key] = value;
    }
    const reused = state.sentIds.length > 0 ? state.sentIds[m.name.length % state.sentIds.length]! : newId();
    const role = m.staff === 'unknown' || m.staff === 'junk' ? null : m.staff;
    const staffId = m.staff === 'unknown' ? newId() : m.staff === 'junk' ? "' or 1=1 --" : identity.staff[m.staff];
    const envelope: FuzzEnvelope = {
      id: m.idKind === 'new' ? newId() : m.idKind === 'reuse' ? reused : m.junkId,
      name: m.name,
      args,
      staffId,
      createdAt: createdAtFor(m),
    };
    return withProof(envelope, m.proof, { identity, slot, role, junkValue: m.junkSignature });
  });
  // A push may record its new ids in the ledger (as rejected): those rows are its answer.
  const ids = mutations
    .map((m) => m.id)
    .filter((id): id is string => typeof id === 'string' && UUID_PATTERN.test(id) && !state.knownIds.has(id));
  return {
    options: {
      method: 'POST',
      url: '/v1/mutations',
      headers: {
        ...authHeaders(plan.credentials, identity),
        [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        'content-type': 'application/json',
      },
      payload: JSON.stringify({
        protocolVersion: plan.protocol,
        mutations,
        ...(plan.extra === undefined ? {} : { extra: plan.extra }),
      }),
    },
    routeKey: 'POST /v1/mutations',
    ledgerIds: ids,
    proofs: plan.mutations.map(expectedProof),
  };
}

/** `value` as one URL path segment; lone surrogates, which no URL can carry, become U+FFFD. */
const pathSegment = (value: string): string => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

function sessionRequest(plan: Extract<RequestPlan, { kind: 'session' }>, state: FuzzState): BuiltRequest {
  const { identity } = state;
  const target = (spare: string) =>
    plan.target === 'spare' ? spare : plan.target === 'random' ? newId() : pathSegment(plan.hostileTarget);
  const call: Record<SessionCall, [string, string, string]> = {
    audit: ['GET', `/v1/audit/owners/${state.ownerId}`, '/v1/audit/:table/:id'],
    auditHostile: [
      'GET',
      `/v1/audit/${pathSegment(plan.hostileTarget)}/${target(state.patientId)}`,
      '/v1/audit/:table/:id',
    ],
    enrolmentCode: ['POST', '/v1/admin/enrolment-codes', '/v1/admin/enrolment-codes'],
    signOut: ['POST', '/v1/auth/sign-out', '/v1/auth/sign-out'],
    patchStaff: ['PATCH', `/v1/admin/staff/${target(identity.spareStaffId)}`, '/v1/admin/staff/:id'],
    createStaff: ['POST', '/v1/admin/staff', '/v1/admin/staff'],
    resetPassword: [
      'POST',
      `/v1/admin/staff/${target(identity.spareStaffId)}/password`,
      '/v1/admin/staff/:id/password',
    ],
    changePassword: ['POST', '/v1/auth/password', '/v1/auth/password'],
    revokeDevice: [
      'POST',
      `/v1/admin/devices/${target(identity.spareDeviceId)}/revoke`,
      '/v1/admin/devices/:id/revoke',
    ],
    syncCounts: ['GET', '/v1/sync/counts', '/v1/sync/counts'],
    signIn: ['POST', '/v1/auth/sign-in', '/v1/auth/sign-in'],
  };
  const [method, url, pattern] = call[plan.call];
  return {
    options: {
      method,
      url,
      headers: authHeaders(plan.credentials, identity),
      ...(method === 'GET' ? {} : { payload: plan.body }),
    },
    routeKey: `${method} ${pattern}`,
    ledgerIds: [],
    proofs: [],
  };
}

function toRequest(plan: RequestPlan, state: FuzzState): BuiltRequest {
  const pick = (n: number) => state.routes[n % state.routes.length]!;
  switch (plan.kind) {
    case 'push':
      return pushRequest(plan, state);
    case 'session':
      return sessionRequest(plan, state);
    case 'raw': {
      const route = pick(plan.route);
      return {
        options: {
          method: plan.method,
          url: concrete(route, state),
          headers: {
            ...authHeaders(plan.credentials, state.identity),
            [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
            ...(plan.contentType === '' ? {} : { 'content-type': plan.contentType }),
          },
          payload: plan.body,
        },
        routeKey: `${plan.method} ${route}`,
        ledgerIds: [],
        proofs: [],
      };
    }
    case 'query': {
      const route = pick(plan.route);
      return {
        options: {
          method: 'GET',
          url: `${concrete(route, state)}?${new URLSearchParams(plan.params).toString()}`,
          headers: authHeaders(plan.credentials, state.identity),
        },
        routeKey: `GET ${route}`,
        ledgerIds: [],
        proofs: [],
      };
    }
  }
}

/** A route pattern with its parameters filled in: real ids, and sometimes hostile ones. */
function concrete(route: string, state: FuzzState): string {
  return route.replace(/:(\w+)/g, (_, name: string) =>
    name === 'table' ? (state.ownerId.charCodeAt(0) % 2 === 0 ? 'owners' : "owners';--") : state.ownerId,
  );
}

/**
 * Fails unless a request answered 2xx carried what ROUTE_PERMISSIONS asks of its route: an
 * enrolled device's own token, and for session routes that device's live session of a role the
 * route allows.
 */
function expectAuthorised(routeKey: string, plan: Credentials, what: string): void {
  const access = (ROUTE_PERMISSIONS as Record<string, (typeof ROUTE_PERMISSIONS)[keyof typeof ROUTE_PERMISSIONS]>)[
    routeKey
  ];
  if (access === undefined || access === 'public') return;
  expect(['device', 'device2'], `${what} succeeded without a device token`).toContain(plan.device);
  if (access === 'device') return;
  expect(plan.session, `${what} succeeded without the device's own live session`).toBe('own');
  if (access !== 'session')
    expect(access as readonly string[], `${what} succeeded for a ${plan.role}`).toContain(
      plan.role === 'frontDesk' ? 'front_desk' : plan.role,
    );
}

async function fuzz(kind: CentralDbKind): Promise<void> {
  const handle = await freshCentralDb(kind);
  const { db } = handle;
  const routes = new Set<string>(['/', '/healthz', '/metrics', '/v1/auth/sign-in', '/v1/enrol']);
  // The production app: no development scheme, so every device is enrolled and signs.
  const app = buildApp({
    db,
    version: 'fuzz',
    logLevel: 'silent',
    staffAuth: { scryptCost: TEST_SCRYPT_COST },
    // Limits on, but far above what the fuzzer sends: their hooks run on every request.
    limits: { ...DEFAULT_LIMITS, devicePerMinute: 1e6, ipPerMinute: 1e6, authPerMinute: 1e6 },
    shape: { longPollTimeoutMs: 100 },
  });
  app.addHook('onRoute', (route) => {
    if (!route.url.includes('*')) routes.add(route.url);
  });
  try {
    await app.ready();
    const identity = await enrolFuzzIdentity(app, db);
    const owner = ownerArgs();
    const patient = patientArgs({ owner_id: owner.id });
    const billId = newId();
    const refs = await createSampleRows(db, identity.staff.vet);
    const now = () => new Date().toISOString();
    const seed: FuzzEnvelope[] = [
      { id: newId(), name: 'owner.create', args: owner, staffId: identity.staff.frontDesk, createdAt: now() },
      { id: newId(), name: 'patient.create', args: patient, staffId: identity.staff.frontDesk, createdAt: now() },
      {
        id: newId(),
        name: 'bill.create',
        args: { id: billId, owner_id: owner.id, patient_id: null, notes: null, items: [] },
        staffId: identity.staff.frontDesk,
        createdAt: now(),
      },
    ];
    const seedOf = (slot: DeviceSlot): FuzzEnvelope[] =>
      slot === 0
        ? seed
        : [{ id: newId(), name: 'owner.create', args: ownerArgs(), staffId: identity.staff.vet, createdAt: now() }];
    for (const slot of [0, 1] as const) {
      const role = slot === 0 ? 'frontDesk' : 'vet';
      const seeded = await app.inject({
        method: 'POST',
        url: '/v1/mutations',
        headers: {
          authorization: identity.devices[slot].authorization,
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        },
        payload: {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          mutations: seedOf(slot).map((m) => withProof(m, 'valid', { identity, slot, role, junkValue: '' })),
        },
      });
      expect(seeded.statusCode, seeded.body).toBe(200);
      const statuses = seeded.json<{ results: { status: string }[] }>().results.map((r) => r.status);
      expect(statuses, seeded.body).toEqual(seedOf(slot).map(() => 'applied'));
    }
    const seedIds = seed.map((m) => m.id as string);
    const state: FuzzState = {
      identity,
      sentIds: [...seedIds],
      knownIds: new Set(seedIds),
      ownerId: owner.id,
      patientId: patient.id,
      refs,
      routes: [...routes].sort(),
    };
    const deviceOnly: Credentials = { device: 'device', session: 'none', role: 'admin', junk: '' };
    // Sequences what the seed wrote, so later reads find nothing left to do.
    const settle = () =>
      app.inject({
        method: 'GET',
        url: '/v1/shape?table=owners&offset=-1',
        headers: authHeaders(deviceOnly, identity),
      });
    await settle();
    // Authentication refreshes a device's last_seen_at when it is five minutes old, and that
    // update is audited and replicated by design: dated ahead, it cannot land inside a case
    // (the long run lasts longer than that) and be taken for the case's change.
    await db.query(`update devices set last_seen_at = now() + interval '1 day'`);
    let baseline = await dbFingerprint(db);
    const tally = {
      cases: 0,
      refused: 0,
      applied: 0,
      rejectedOnly: 0,
      otherChanges: 0,
      proofPassed: 0,
      proofRefused: 0,
      statuses: new Map<number, number>(),
      /** Per mutation result: status, or the rejection's code. */
      outcomes: new Map<string, number>(),
    };

    await fc.assert(
      fc.asyncProperty(requestPlan, async (plan) => {
        const { options, routeKey, ledgerIds, proofs } = toRequest(plan, state);
        const what = `${options.method} ${options.url.slice(0, 200)}`;
        const response = await app.inject(options);
        tally.cases += 1;
        tally.statuses.set(response.statusCode, (tally.statuses.get(response.statusCode) ?? 0) + 1);
        expect(response.statusCode, `${what} -> ${response.body.slice(0, 300)}`).toBeLessThan(500);
        if (response.statusCode >= 400 && response.statusCode !== 409) {
          expect(wireErrorSchema.safeParse(response.json()).success, response.body.slice(0, 300)).toBe(true);
        }
        const succeeded = response.statusCode >= 200 && response.statusCode < 300;
        if (succeeded) expectAuthorised(routeKey, plan.credentials, what);
        let changed = false;
        if (plan.kind === 'push' && response.statusCode === 200) {
          const results = response.json<{
            results: { status: string; error?: { code: string; details?: { reason?: string } } }[];
          }>().results;
          expect(results).toHaveLength(proofs.length);
          results.forEach((result, index) => {
            const proofRefused =
              result.status === 'rejected' &&
              result.error?.code === 'FORBIDDEN' &&
              PROOF_REFUSALS.includes(result.error.details?.reason ?? '');
            const expected = proofs[index];
            const label = `mutation ${index} (${plan.mutations[index]!.proof}, ${plan.mutations[index]!.createdAt}, ${plan.mutations[index]!.staff}): ${JSON.stringify(result).slice(0, 300)}`;
            if (expected === 'refused') expect(proofRefused, `bad proof not refused: ${label}`).toBe(true);
            if (expected === 'passes') expect(proofRefused, `good proof refused: ${label}`).toBe(false);
            const outcome = result.status === 'rejected' ? (result.error?.code ?? 'rejected') : result.status;
            tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
            if (proofRefused) tally.proofRefused += 1;
            else if (expected === 'passes') tally.proofPassed += 1;
          });
          changed = results.some((result) => result.status !== 'rejected');
          state.sentIds.push(...ledgerIds.slice(0, 4));
          // Only a push the server answered can have recorded its ids.
          for (const id of ledgerIds) state.knownIds.add(id);
        } else if (succeeded && options.method !== 'GET' && plan.kind !== 'push') {
          // An admin route or sign-out that did what it was asked: a change, by design.
          changed = true;
          tally.otherChanges += 1;
          if (routeKey === 'POST /v1/auth/sign-out') {
            await identity.refresh(slotOf(plan.credentials.device), plan.credentials.role);
          }
        }
        if (changed) {
          if (plan.kind === 'push') tally.applied += 1;
          await settle();
        } else {
          if (response.statusCode >= 400) tally.refused += 1;
          else if (plan.kind === 'push') tally.rejectedOnly += 1;
          expect(await dbFingerprint(db, ledgerIds), `${what} changed the database`).toEqual(baseline);
        }
        if (changed || ledgerIds.length > 0) baseline = await dbFingerprint(db);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );

    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    const statuses = [...tally.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}x${n}`)
      .join(' ');
    console.info(
      `http-fuzz on ${kind}: ${tally.cases} cases (seed ${SEED}) over ${state.routes.length} routes; ` +
        `${tally.refused} refused, ${tally.rejectedOnly} pushes wholly rejected, ${tally.applied} pushes applied, ` +
        `${tally.otherChanges} other changes; mutations with good proofs ${tally.proofPassed}, refused for their proof ` +
        `${tally.proofRefused}; statuses ${statuses}; mutation outcomes ${[...tally.outcomes].map(([o, n]) => `${o}x${n}`).join(' ')}`,
    );
    expect(tally.cases).toBe(RUNS);
    // The real apply path was reached, and forgeries were met, in every run worth the name.
    if (RUNS >= 100) {
      expect(tally.proofPassed).toBeGreaterThan(0);
      expect(tally.proofRefused).toBeGreaterThan(0);
    }
  } finally {
    await app.close();
    await handle.dispose();
  }
}

describe.each(BACKENDS)('HTTP API under hostile input, with enrolled devices and signed mutations, on %s', (kind) => {
  it(
    `never answers 5xx, changes nothing when it refuses, and stays healthy (${RUNS} seeded cases)`,
    () => fuzz(kind),
    Math.max(120_000, RUNS * 1_000),
  );
});
