import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { enrolResponseSchema } from '../../../core/auth/wire.js';
import {
  PROTOCOL_HEADER,
  pushResponseSchema,
  SYNC_PROTOCOL_VERSION,
  type MutationEnvelope,
} from '../../../core/sync/protocol.js';
import { buildApp } from '../../../server/http/app.js';
import { createEnrolmentCode } from '../../../server/auth/enrolment.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { addAccount, addClinic, signed, signIn, TEST_SCRYPT_COST } from '../../helpers/staff-accounts.js';
import { envelope, ownerArgs } from '../../helpers/sync-fixtures.js';

describe.each(CENTRAL_BACKENDS)('signed pushes from an enrolled device, end to end on %s', (kind) => {
  const db = useCentralDb(kind);
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  // The production path: no development scheme at all.
  const server = () =>
    (app ??= buildApp({ db: db(), version: 'test', logLevel: 'silent', staffAuth: { scryptCost: TEST_SCRYPT_COST } }));

  /** A clinic, two staff members, and a device enrolled with a one-time code. */
  async function enrolledPractice() {
    const clinicId = await addClinic(db());
    const vetId = await addAccount(db(), { username: 'vera', role: 'vet', clinicId });
    await addAccount(db(), { username: 'nina', role: 'nurse', clinicId });
    const { code } = await createEnrolmentCode(db(), { clinicId, deviceName: 'Consulting room', createdBy: null });
    const enrolled = await server().inject({ method: 'POST', url: '/v1/enrol', payload: { code } });
    const { deviceId, token } = enrolResponseSchema.parse(enrolled.json());
    return { vetId, deviceId, authorization: `Bearer ${token}` };
  }

  const push = async (authorization: string, mutations: MutationEnvelope[]) => {
    const reply = await server().inject({
      method: 'POST',
      url: '/v1/mutations',
      headers: { authorization, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      payload: { protocolVersion: SYNC_PROTOCOL_VERSION, mutations },
    });
    expect(reply.statusCode).toBe(200);
    return pushResponseSchema.parse(reply.json()).results;
  };

  it('applies what the signed-in person signed, attributed to them; refuses unsigned and forged changes', async () => {
    const { vetId, deviceId, authorization } = await enrolledPractice();
    const vera = await signIn(server(), authorization, 'vera');
    const nina = await signIn(server(), authorization, 'nina');
    const mine = ownerArgs({ first_name: 'Signed' });
    // Made now, while the keys registered at this sign-in are valid.
    const now = { createdAt: new Date().toISOString() };
    const results = await push(authorization, [
      envelope('owner.create', ownerArgs({ first_name: 'Unsigned' }), vetId, now),
      // Nina's key claiming Vera made the change.
      signed(envelope('owner.create', ownerArgs({ first_name: 'Forged' }), vetId, now), deviceId, nina),
      signed(envelope('owner.create', mine, vetId, now), deviceId, vera),
    ]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'applied']);
    expect(results[0]).toMatchObject({ error: { code: 'FORBIDDEN', details: { reason: 'unsigned' } } });
    expect(results[1]).toMatchObject({ error: { code: 'FORBIDDEN', details: { reason: 'signing_key' } } });
    const { rows } = await db().query<{ changed_by: string; device_id: string }>(
      `select changed_by, device_id from audit.entity_changes where table_name = 'owners' and entity_id = $1`,
      [mine.id],
    );
    expect(rows).toEqual([{ changed_by: vetId, device_id: deviceId }]);
  });
});
