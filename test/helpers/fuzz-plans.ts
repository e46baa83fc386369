import fc from 'fast-check';
import { MUTATION_NAMES } from '../../core/mutations/registry.js';
import { SYNC_PROTOCOL_VERSION } from '../../core/sync/protocol.js';
import { FUZZ_ROLES, type FuzzRole } from './fuzz-identity.js';
import { PROOF_PLANS, type ProofPlan } from './fuzz-proof.js';
import { hostileString, hostileValue, hugeString, mostly, uuidLike } from './fuzz-values.js';

/**
 * What the HTTP fuzz test (test/property/http-fuzz.test.ts) generates: plans of requests, which
 * the test turns into real ones against its enrolled devices, sessions and sample rows.
 * - `push`: a batch of mutations, each with a name, corrupted or intact arguments, an id (new,
 *   reused or junk), a claimed author and time, and a proof (fuzz-proof.ts);
 * - `raw`: any method and body on any registered route;
 * - `query`: a GET with hostile query parameters on any registered route;
 * - `session`: a structured call of a route that acts for a staff member (or sign-in).
 * Every plan carries the credentials it is sent with.
 */

export type Corruption = { key: string | null; value: unknown };
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

/** When a mutation claims it was made: now, or a time no signing key of today covers, or junk. */
export type CreatedAtPlan = 'now' | 'dayBefore' | 'farFuture' | 'farPast' | 'junk';

export interface MutationPlan {
  name: string;
  corruptions: Corruption[];
  idKind: 'new' | 'reuse' | 'junk';
  junkId: unknown;
  staff: FuzzRole | 'unknown' | 'junk';
  createdAt: CreatedAtPlan;
  junkCreatedAt: unknown;
  proof: ProofPlan;
  junkSignature: string;
}
const mutationPlan: fc.Arbitrary<MutationPlan> = fc.record({
  name: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...MUTATION_NAMES) }, { weight: 1, arbitrary: hostileString }),
  // Often intact, so that valid changes reach the apply path as well as corrupted ones.
  corruptions: fc.oneof(
    { weight: 2, arbitrary: fc.constant<Corruption[]>([]) },
    { weight: 3, arbitrary: fc.array(corruption, { minLength: 1, maxLength: 3 }) },
  ),
  // An envelope-level defect refuses the whole push (400): kept rare enough that most pushes are answered.
  idKind: fc.oneof(
    { weight: 6, arbitrary: fc.constant('new' as const) },
    { weight: 2, arbitrary: fc.constant('reuse' as const) },
    { weight: 1, arbitrary: fc.constant('junk' as const) },
  ),
  junkId: uuidLike,
  staff: fc.oneof(
    { weight: 16, arbitrary: fc.constantFrom(...FUZZ_ROLES) },
    { weight: 2, arbitrary: fc.constant('unknown' as const) },
    { weight: 1, arbitrary: fc.constant('junk' as const) },
  ),
  createdAt: fc.oneof(
    { weight: 8, arbitrary: fc.constant<CreatedAtPlan>('now') },
    { weight: 1, arbitrary: fc.constantFrom<CreatedAtPlan>('dayBefore', 'farFuture', 'farPast', 'junk') },
  ),
  junkCreatedAt: fc.constantFrom('yesterday', '2026-13-01T00:00:00Z', 0, null, ''),
  // Mostly the right proof, so most mutations reach the apply path.
  proof: fc.oneof(
    { weight: 3, arbitrary: fc.constant<ProofPlan>('valid') },
    { weight: 1, arbitrary: fc.constantFrom(...PROOF_PLANS) },
  ),
  junkSignature: fc.oneof(
    fc.constantFrom('', 'AAAA', '====', 'not base64!', 'A'.repeat(201)),
    fc.base64String({ maxLength: 120 }),
    hostileString.map((s) => s.slice(0, 300)),
  ),
});

/** Which Authorization header a request carries. */
export type DevicePlan = 'device' | 'device2' | 'none' | 'junk' | 'altered' | 'development' | 'sessionAsDevice';
/** Which session header: `own` is the role's live session on the same device. */
export type SessionKind = 'own' | 'otherDevice' | 'signedOut' | 'revoked' | 'junk' | 'none' | 'deviceToken';
export interface Credentials {
  device: DevicePlan;
  session: SessionKind;
  role: FuzzRole;
  junk: string;
}
// Mostly valid credentials, so most cases reach validation and the database rather than stop at 401.
const credentials: fc.Arbitrary<Credentials> = fc.record({
  device: fc.oneof(
    { weight: 6, arbitrary: fc.constant<DevicePlan>('device') },
    { weight: 3, arbitrary: fc.constant<DevicePlan>('device2') },
    { weight: 5, arbitrary: fc.constantFrom<DevicePlan>('none', 'junk', 'altered', 'development', 'sessionAsDevice') },
  ),
  session: fc.constantFrom<SessionKind>(
    'own',
    'own',
    'own',
    'own',
    'otherDevice',
    'signedOut',
    'revoked',
    'junk',
    'none',
    'deviceToken',
  ),
  role: fc.constantFrom<FuzzRole>('admin', 'admin', 'admin', 'vet', 'nurse', 'frontDesk'),
  junk: fc.string({ maxLength: 60 }),
});

/** Structured calls of the routes that act for a staff member, plus sign-in. */
export const SESSION_CALLS = [
  'audit',
  'auditHostile',
  'enrolmentCode',
  'signOut',
  'patchStaff',
  'createStaff',
  'resetPassword',
  'changePassword',
  'revokeDevice',
  'syncCounts',
  'signIn',
] as const;
export type SessionCall = (typeof SESSION_CALLS)[number];

export type RequestPlan =
  | { kind: 'push'; mutations: MutationPlan[]; protocol: unknown; credentials: Credentials; extra: unknown }
  | { kind: 'raw'; method: string; route: number; body: string; contentType: string; credentials: Credentials }
  | { kind: 'query'; route: number; params: [string, string][]; credentials: Credentials }
  | {
      kind: 'session';
      call: SessionCall;
      target: 'spare' | 'random' | 'hostile';
      hostileTarget: string;
      body: Record<string, unknown>;
      credentials: Credentials;
    };

const NEW_PASSWORD = 'a perfectly decent passphrase';
export const requestPlan: fc.Arbitrary<RequestPlan> = fc.oneof(
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
      credentials,
      extra: fc.option(hostileValue, { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS'),
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
      credentials,
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
      credentials,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('session' as const),
      call: fc.constantFrom(...SESSION_CALLS),
      target: fc.constantFrom('spare' as const, 'spare' as const, 'random' as const, 'hostile' as const),
      hostileTarget: hostileString.map((s) => s.slice(0, 2_000)),
      // Fields of every call's body; each call reads the ones it knows, extra ones must be refused or ignored.
      body: fc.record(
        {
          deviceName: mostly(fc.constantFrom('Reception', 'Surgery 2')),
          hours: mostly(fc.integer({ min: 1, max: 168 })),
          displayName: mostly(fc.constantFrom('Sam Spare', 'Samantha')),
          email: mostly(fc.constantFrom(null, 'sam@example.test')),
          role: mostly(fc.constantFrom('admin', 'vet', 'nurse', 'front_desk')),
          active: mostly(fc.boolean()),
          username: mostly(fc.nat({ max: 1_000_000 }).map((n) => `newbie${n}`)),
          password: mostly(fc.constant(NEW_PASSWORD)),
          newPassword: mostly(fc.constant(NEW_PASSWORD)),
          // Never the real password: a well-formed wrong one counts towards the lockout, a
          // change by design (server/http/routes/auth.ts), so it is left to the sign-in tests.
          currentPassword: hostileValue,
          signingPublicKey: hostileValue,
          code: mostly(fc.constantFrom('ABCDE-FGHJK', 'ZZZZZZZZZZ')),
        },
        { requiredKeys: [] },
      ),
      credentials,
    }),
  },
);
