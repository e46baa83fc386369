import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { wireErrorSchema } from '../../core/errors.js';
import { newId, UUID_PATTERN } from '../../core/ids.js';
import { MUTATION_NAMES } from '../../core/mutations/registry.js';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../core/sync/protocol.js';
import type { CentralDbKind } from '../../db/central/connection.js';
import { buildApp } from '../../server/http/app.js';
import { DEFAULT_LIMITS } from '../../server/http/limits/limits-config.js';
import { freshCentralDb } from '../helpers/central-db.js';
import { dbFingerprint } from '../helpers/db-fingerprint.js';
import { envelope, ownerArgs, patientArgs, setupPractice, type SyncPractice } from '../helpers/sync-fixtures.js';

/**
 * Hostile input against a real server and database (issue 9, item 4): malformed JSON, wrong
 * types, huge strings and arrays, control characters and unpaired surrogates, SQL-injection
 * strings, duplicate and reused mutation ids, invalid enum values, negative and enormous
 * amounts, bad query strings and headers on every route the app registers. Asserts that no
 * answer is a 5xx, that every refused request leaves every table exactly as it was (row counts
 * and checksums), and that the server is healthy afterwards.
 * `npm test` runs a seeded few hundred cases on PGlite; `npm run test:fuzz:long` runs thousands
 * on PGlite and PostgreSQL. Requests use the development device scheme (buildApp's default).
 */
const RUNS = Number(process.env['VETDESK_FUZZ_RUNS'] ?? 300);
const SEED = Number(process.env['VETDESK_FUZZ_SEED'] ?? 20261202);
const BACKENDS = (process.env['VETDESK_FUZZ_BACKENDS'] ?? 'pglite').split(',') as CentralDbKind[];

const SQL_INJECTION = [
  "'; drop table owners; --",
  "' or '1'='1",
  "Robert'); delete from sync.mutations; --",
  '$1',
  "\\'; select pg_sleep(10); --",
  '1; truncate audit.entity_changes',
];
const NASTY = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '\u001b[2J',
  '\u202eevil',
  '\u0085',
  '\t\n\r\v\f',
  '%00',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{"$gt":""}',
  'NaN',
  '-Infinity',
  '1e309',
  '💉'.repeat(3),
];

const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n));
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...SQL_INJECTION, ...NASTY),
  fc.tuple(fc.constantFrom(...NASTY), fc.string({ maxLength: 10 })).map(([a, b]) => `${b}${a}${b}`),
  hugeString,
);
const amount = fc.oneof(
  fc.constantFrom('-1', '-0.01', '0', '0.001', '1e20', '99999999999999999999.99', '9999999999.99', '1,5', ' 7 ', '١٢'),
  fc.double(),
  fc.bigInt().map(String),
  fc.integer(),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileString },
  { weight: 2, arbitrary: amount },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, [], {}, 'dragon', 'unknown') },
  { weight: 1, arbitrary: fc.array(fc.string(), { maxLength: 3_000 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);
const uuidLike = fc.oneof(
  fc.uuid(),
  fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000', ''),
  hostileString,
);

interface FuzzState {
  practice: SyncPractice;
  devices: string[];
  /** Ids already sent, to be reused with other arguments. */
  sentIds: string[];
  /** Every id sent so far: the ledger may hold these, and a replay must leave their rows alone. */
  knownIds: Set<string>;
  ownerId: string;
  patientId: string;
  billId: string;
  routes: string[];
}

/** A valid argument set per mutation name, which the fuzzer then corrupts (or keeps). */
function template(name: string, state: FuzzState): Record<string, unknown> {
  switch (name) {
    case 'owner.create':
      return ownerArgs();
    case 'patient.create':
      return patientArgs({ owner_id: state.ownerId });
    case 'owner.update':
      return { id: state.ownerId, changes: { city: 'Bath' }, base: { city: null } };
    case 'bill.create':
      return {
        id: newId(),
        owner_id: state.ownerId,
        patient_id: null,
        notes: null,
        items: [
          {
            id: newId(),
            description: 'Exam',
            quantity: '1',
            unit_price: '45.00',
            tax_rate: '0.2',
            price_list_item_id: null,
          },
        ],
      };
    case 'payment.record':
      return { id: newId(), bill_id: state.billId, amount: '10.00', method: 'card', reference: null, notes: null };
    case 'appointment.create':
      return {
        id: newId(),
        patient_id: state.patientId,
        vet_id: null,
        scheduled_at: '2026-03-10T09:00:00Z',
        duration_minutes: 30,
        reason: null,
        notes: null,
      };
    default:
      return { id: state.patientId };
  }
}

type Corruption = { key: string | null; value: unknown };
const corruption: fc.Arbitrary<Corruption> = fc.record({
  key: fc.option(
    fc.constantFrom(
      'id',
      'first_name',
      'last_name',
      'email',
      'notes',
      'name',
      'species',
      'gender',
      'amount',
      'method',
      'items',
      'changes',
      'base',
      'quantity',
      'unit_price',
      'owner_id',
      'bill_id',
      'duration_minutes',
      '__proto__',
      'extra',
    ),
    { nil: null },
  ),
  value: hostileValue,
});

interface MutationPlan {
  name: string;
  corruptions: Corruption[];
  idKind: 'new' | 'reuse' | 'junk';
  junkId: unknown;
  staff: 'admin' | 'vet' | 'nurse' | 'frontDesk' | 'unknown' | 'junk';
  createdAt: unknown;
}
const mutationPlan: fc.Arbitrary<MutationPlan> = fc.record({
  name: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...MUTATION_NAMES) }, { weight: 1, arbitrary: hostileString }),
  corruptions: fc.array(corruption, { maxLength: 3 }),
  idKind: fc.constantFrom('new' as const, 'new' as const, 'reuse' as const, 'junk' as const),
  junkId: uuidLike,
  staff: fc.constantFrom(
    'admin' as const,
    'vet' as const,
    'nurse' as const,
    'frontDesk' as const,
    'unknown' as const,
    'junk' as const,
  ),
  createdAt: fc.oneof(
    { weight: 4, arbitrary: fc.constant('2026-03-01T09:00:00.000Z') },
    { weight: 1, arbitrary: fc.constantFrom('yesterday', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', 0, null) },
  ),
});

type HeaderPlan = 'device' | 'device2' | 'none' | 'junk';
type RequestPlan =
  | {
      kind: 'push';
      mutations: MutationPlan[];
      protocol: unknown;
      headers: HeaderPlan;
      junkAuth: string;
      extra: unknown;
    }
  | {
      kind: 'raw';
      method: string;
      route: number;
      body: string;
      contentType: string;
      headers: HeaderPlan;
      junkAuth: string;
    }
  | {
      kind: 'query';
      route: number;
      params: [string, string][];
      headers: HeaderPlan;
      junkAuth: string;
      staffHeader: string;
    };

// Mostly valid credentials, so most cases reach validation and the database rather than stop at 401.
const headerPlan = fc.constantFrom<HeaderPlan>(
  'device',
  'device',
  'device',
  'device',
  'device2',
  'device2',
  'none',
  'junk',
);
const requestPlan: fc.Arbitrary<RequestPlan> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      mutations: fc.oneof(
        { weight: 8, arbitrary: fc.array(mutationPlan, { minLength: 1, maxLength: 4 }) },
        { weight: 1, arbitrary: fc.array(mutationPlan, { minLength: 101, maxLength: 120 }) },
        { weight: 1, arbitrary: fc.constant<MutationPlan[]>([]) },
      ),
      protocol: fc.oneof(
        { weight: 8, arbitrary: fc.constant(SYNC_PROTOCOL_VERSION) },
        { weight: 1, arbitrary: hostileValue },
      ),
      headers: headerPlan,
      junkAuth: fc.string({ maxLength: 60 }),
      extra: fc.option(hostileValue, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      method: fc.constantFrom(
        'POST' as const,
        'PUT' as const,
        'PATCH' as const,
        'DELETE' as const,
        'GET' as const,
        'OPTIONS' as const,
      ),
      route: fc.nat(),
      body: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.json(),
        fc.constantFrom(
          '{',
          '{"protocolVersion":1,"mutations":[',
          '[]',
          'null',
          '""',
          '{"a":1}{"b":2}',
          '\u0000',
          '{"__proto__":{"x":1}}',
        ),
        hugeString.map((s) => `{"protocolVersion":1,"mutations":["${s}"]}`),
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json; charset=latin1',
        'text/plain',
        'application/xml',
        'multipart/form-data',
        '',
      ),
      headers: headerPlan,
      junkAuth: fc.string({ maxLength: 60 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('query' as const),
      route: fc.nat(),
      params: fc.array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              'table',
              'offset',
              'handle',
              'live',
              'cursor',
              'columns',
              'where',
              'replica',
              'log',
              'params[1]',
              'subset__limit',
              'id',
            ),
            fc.string({ maxLength: 10 }),
          ),
          fc.oneof(
            fc.constantFrom(
              'owners',
              'patients',
              '-1',
              'now',
              '0_0',
              '1_inf',
              'true',
              'false',
              'full',
              'changes_only',
              '"id","first_name"',
              'id;drop',
            ),
            hostileString.map((s) => s.slice(0, 5_000)),
          ),
        ),
        { maxLength: 6 },
      ),
      headers: headerPlan,
      junkAuth: fc.string({ maxLength: 60 }),
      staffHeader: fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })),
    }),
  },
);

/** Header values as a client could send them (Node refuses other bytes before they leave). */
const printable = (value: string) => value.replace(/[^\x20-\x7e]/g, '?');

function authHeaders(plan: HeaderPlan, junk: string, state: FuzzState): Record<string, string> {
  switch (plan) {
    case 'device':
      return { authorization: `Bearer dev-device:${state.devices[0]}` };
    case 'device2':
      return { authorization: `Bearer dev-device:${state.devices[1]}` };
    case 'none':
      return {};
    case 'junk':
      return { authorization: printable(junk.startsWith('B') ? junk : `Bearer ${junk}`) };
  }
}

function staffIdFor(plan: MutationPlan['staff'], state: FuzzState): unknown {
  if (plan === 'unknown') return newId();
  if (plan === 'junk') return "' or 1=1 --";
  return state.practice[plan];
}

/** Builds the request; `ledgerIds` are the ids a 200 push may record as rejected. */
function toRequest(
  plan: RequestPlan,
  state: FuzzState,
): { options: InjectOptions & { url: string }; ledgerIds: string[] } {
  const pick = (n: number) => state.routes[n % state.routes.length]!;
  if (plan.kind === 'push') {
    const mutations = plan.mutations.map((m) => {
      const args: Record<string, unknown> = template(m.name, state);
      for (const { key, value } of m.corruptions) {
        if (key === null) continue;
        if (key === '__proto__')
          Object.defineProperty(args, key, { value, enumerable: true, configurable: true, writable: true });
        else args[key] = value;
      }
      const reused = state.sentIds.length > 0 ? state.sentIds[m.name.length % state.sentIds.length]! : newId();
      const id = m.idKind === 'new' ? newId() : m.idKind === 'reuse' ? reused : m.junkId;
      return { ...envelope(m.name, args, 'x'), id, staffId: staffIdFor(m.staff, state), createdAt: m.createdAt };
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
          ...authHeaders(plan.headers, plan.junkAuth, state),
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          'content-type': 'application/json',
        },
        payload: JSON.stringify({
          protocolVersion: plan.protocol,
          mutations,
          ...(plan.extra === undefined ? {} : { extra: plan.extra }),
        }),
      },
      ledgerIds: ids,
    };
  }
  if (plan.kind === 'raw') {
    return {
      options: {
        method: plan.method,
        url: concrete(pick(plan.route), state),
        headers: {
          ...authHeaders(plan.headers, plan.junkAuth, state),
          [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
          ...(plan.contentType === '' ? {} : { 'content-type': plan.contentType }),
        },
        payload: plan.body,
      },
      ledgerIds: [],
    };
  }
  const query = new URLSearchParams(plan.params).toString();
  return {
    options: {
      method: 'GET',
      url: `${concrete(pick(plan.route), state)}?${query}`,
      headers: {
        ...authHeaders(plan.headers, plan.junkAuth, state),
        'x-vetdesk-staff-id': printable(plan.staffHeader),
      },
    },
    ledgerIds: [],
  };
}

/** A route pattern with its parameters filled in: real ids, and sometimes hostile ones. */
function concrete(route: string, state: FuzzState): string {
  return route.replace(/:(\w+)/g, (_, name: string) =>
    name === 'table' ? (state.ownerId.charCodeAt(0) % 2 === 0 ? 'owners' : "owners';--") : state.ownerId,
  );
}

async function fuzz(kind: CentralDbKind): Promise<void> {
  const handle = await freshCentralDb(kind);
  const { db } = handle;
  const routes = new Set<string>(['/', '/healthz', '/metrics', '/v1/auth/sign-in', '/v1/enrol']);
  const app = buildApp({
    db,
    version: 'fuzz',
    logLevel: 'silent',
    // Limits on, but far above what the fuzzer sends: their hooks run on every request.
    limits: { ...DEFAULT_LIMITS, devicePerMinute: 1e6, ipPerMinute: 1e6, authPerMinute: 1e6 },
    shape: { longPollTimeoutMs: 100 },
  });
  app.addHook('onRoute', (route) => {
    if (!route.url.includes('*')) routes.add(route.url);
  });
  try {
    await app.ready();
    const practice = await setupPractice(db);
    const devices = [practice.deviceId, newId()];
    const owner = ownerArgs();
    const patient = patientArgs({ owner_id: owner.id });
    const billId = newId();
    const seed = [
      envelope('owner.create', owner, practice.frontDesk),
      envelope('patient.create', patient, practice.frontDesk),
      envelope(
        'bill.create',
        { id: billId, owner_id: owner.id, patient_id: null, notes: null, items: [] },
        practice.frontDesk,
      ),
    ];
    for (const device of devices) {
      const seeded = await app.inject({
        method: 'POST',
        url: '/v1/mutations',
        headers: { authorization: `Bearer dev-device:${device}`, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
        payload: {
          protocolVersion: SYNC_PROTOCOL_VERSION,
          mutations: device === devices[0] ? seed : [envelope('owner.create', ownerArgs(), practice.vet)],
        },
      });
      expect(seeded.statusCode).toBe(200);
    }
    const state: FuzzState = {
      practice,
      devices,
      sentIds: seed.map((m) => m.id),
      knownIds: new Set(seed.map((m) => m.id)),
      ownerId: owner.id,
      patientId: patient.id,
      billId,
      routes: [...routes].sort(),
    };
    // Sequences what the seed wrote, so later reads find nothing left to do.
    const settle = () =>
      app.inject({ method: 'GET', url: '/v1/shape?table=owners&offset=-1', headers: authHeaders('device', '', state) });
    await settle();
    let baseline = await dbFingerprint(db);
    const tally = { cases: 0, refused: 0, applied: 0, rejectedOnly: 0, statuses: new Map<number, number>() };

    await fc.assert(
      fc.asyncProperty(requestPlan, async (plan) => {
        const { options, ledgerIds } = toRequest(plan, state);
        const response = await app.inject(options);
        tally.cases += 1;
        tally.statuses.set(response.statusCode, (tally.statuses.get(response.statusCode) ?? 0) + 1);
        expect(
          response.statusCode,
          `${String(options.method)} ${options.url} -> ${response.body.slice(0, 300)}`,
        ).toBeLessThan(500);
        if (response.statusCode >= 400 && response.statusCode !== 409) {
          expect(wireErrorSchema.safeParse(response.json()).success, response.body.slice(0, 300)).toBe(true);
        }
        let changed = false;
        if (plan.kind === 'push' && response.statusCode === 200) {
          const results = response.json<{ results: { status: string }[] }>().results;
          changed = results.some((result) => result.status !== 'rejected');
          state.sentIds.push(...ledgerIds.slice(0, 4));
        }
        for (const id of ledgerIds) state.knownIds.add(id);
        if (changed) {
          tally.applied += 1;
          await settle();
        } else {
          if (response.statusCode >= 400) tally.refused += 1;
          else if (plan.kind === 'push') tally.rejectedOnly += 1;
          expect(
            await dbFingerprint(db, ledgerIds),
            `${String(options.method)} ${options.url} changed the database`,
          ).toEqual(baseline);
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
        `${tally.refused} refused, ${tally.rejectedOnly} pushes wholly rejected, ${tally.applied} applied; statuses ${statuses}`,
    );
    expect(tally.cases).toBe(RUNS);
  } finally {
    await app.close();
    await handle.dispose();
  }
}

describe.each(BACKENDS)('HTTP API under hostile input on %s', (kind) => {
  it(
    `never answers 5xx, changes nothing when it refuses, and stays healthy (${RUNS} seeded cases)`,
    () => fuzz(kind),
    Math.max(120_000, RUNS * 1_000),
  );
});
