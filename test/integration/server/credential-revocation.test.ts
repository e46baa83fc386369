import { describe, expect, it } from 'vitest';
import { signInResponseSchema } from '../../../core/auth/wire.js';
import { newId } from '../../../core/ids.js';
import { newSigningKeyPair } from '../../../sync/identity/mutation-signer.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import {
  addAccount,
  addClinic,
  addDevice,
  sessionHeaders,
  signIn,
  useStaffTestApp,
  TEST_PASSWORD,
} from '../../helpers/staff-accounts.js';

const NEW_PASSWORD = 'a much better passphrase';

describe.each(CENTRAL_BACKENDS)('ending a person’s credentials on %s', (kind) => {
  const db = useCentralDb(kind);
  const server = useStaffTestApp(db);

  async function practice() {
    const clinicId = await addClinic(db());
    const desk = await addDevice(db(), clinicId);
    const otherDesk = await addDevice(db(), clinicId);
    await addAccount(db(), { username: 'ada', role: 'admin', clinicId });
    const nurseId = await addAccount(db(), { username: 'nina', role: 'nurse', clinicId });
    const admin = await signIn(server(), desk.authorization, 'ada');
    return { desk, otherDesk, nurseId, admin };
  }

  /** Whether a session still opens a session route. */
  const sessionWorks = async (authorization: string, token: string) =>
    (
      await server().inject({
        method: 'GET',
        url: `/v1/audit/owners/${newId()}`,
        headers: sessionHeaders(authorization, token),
      })
    ).statusCode !== 401;

  const generation = async (staffId: string) =>
    (await db().query<{ v: number }>('select credential_version as v from staff where id = $1', [staffId])).rows[0]!.v;

  const liveKeys = async (staffId: string) =>
    (
      await db().query<{ n: number }>(
        'select count(*)::int as n from staff_signing_keys where staff_id = $1 and revoked_at is null',
        [staffId],
      )
    ).rows[0]!.n;

  it('names the credential generation at sign-in and after a password change', async () => {
    const { desk, nurseId } = await practice();
    const nina = await signIn(server(), desk.authorization, 'nina');
    expect(nina.response.credentialVersion).toBe(1);
    const changed = await server().inject({
      method: 'POST',
      url: '/v1/auth/password',
      headers: { ...sessionHeaders(desk.authorization, nina.token), 'content-type': 'application/json' },
      payload: {
        currentPassword: TEST_PASSWORD,
        newPassword: NEW_PASSWORD,
        signingPublicKey: newSigningKeyPair().publicKeyBase64,
      },
    });
    expect(signInResponseSchema.parse(changed.json()).credentialVersion).toBe(2);
    expect(await generation(nurseId)).toBe(2);
    expect((await signIn(server(), desk.authorization, 'nina', NEW_PASSWORD)).response.credentialVersion).toBe(2);
  });

  it('ends sessions and keys everywhere at a role change, a reset and a deactivation, not at a name change', async () => {
    const { desk, otherDesk, nurseId, admin } = await practice();
    const patch = (changes: Record<string, unknown>) =>
      server().inject({
        method: 'PATCH',
        url: `/v1/admin/staff/${nurseId}`,
        headers: sessionHeaders(desk.authorization, admin.token),
        payload: changes,
      });
    const reset = () =>
      server().inject({
        method: 'POST',
        url: `/v1/admin/staff/${nurseId}/password`,
        headers: sessionHeaders(desk.authorization, admin.token),
        payload: { newPassword: NEW_PASSWORD },
      });
    const steps: [string, () => Promise<{ statusCode: number; body: string }>, boolean][] = [
      ['a name change', () => patch({ displayName: 'Nina N.' }), false],
      ['the same role again', () => patch({ role: 'nurse' }), false],
      ['a role change', () => patch({ role: 'vet' }), true],
      ['a password reset', reset, true],
    ];
    let password = TEST_PASSWORD;
    let expected = 1;
    for (const [step, change, ends] of steps) {
      const here = await signIn(server(), desk.authorization, 'nina', password);
      const there = await signIn(server(), otherDesk.authorization, 'nina', password);
      const reply = await change();
      expect(reply.statusCode, `${step}: ${reply.body}`).toBeLessThan(300);
      if (ends) expected += 1;
      if (step === 'a password reset') password = NEW_PASSWORD;
      expect(await generation(nurseId), step).toBe(expected);
      expect(await sessionWorks(desk.authorization, here.token), step).toBe(!ends);
      expect(await sessionWorks(otherDesk.authorization, there.token), step).toBe(!ends);
      if (ends) expect(await liveKeys(nurseId), step).toBe(0);
    }
    const last = await signIn(server(), otherDesk.authorization, 'nina', password);
    expect((await patch({ active: false })).statusCode).toBe(200);
    expect(await generation(nurseId)).toBe(expected + 1);
    expect(await sessionWorks(otherDesk.authorization, last.token)).toBe(false);
    expect(await liveKeys(nurseId)).toBe(0);
    // The bump is the admin's audited change of the staff row; the hash never shows.
    const { rows } = await db().query<{ n: number }>(
      `select count(*)::int as n from audit.entity_changes
        where table_name = 'staff' and entity_id = $1 and changed_by = $2
          and (new_values ? 'credential_version')`,
      [nurseId, admin.response.staff.id],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});
