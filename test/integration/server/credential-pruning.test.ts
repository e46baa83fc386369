import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SqlExecutor } from '../../../db/central/connection.js';
import { CredentialPruner, pruneCredentials } from '../../../server/auth/credential-pruning.js';
import { buildApp } from '../../../server/http/app.js';
import { newSigningKeyPair } from '../../../sync/identity/mutation-signer.js';
import { applyBatch } from '../../../sync/server/apply-batch.js';
import { CENTRAL_BACKENDS, useCentralDb } from '../../helpers/central-db.js';
import { addDevice, signed } from '../../helpers/staff-accounts.js';
import { envelope, ownerArgs, setupPractice } from '../../helpers/sync-fixtures.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WINDOW = { offlineWindowMs: 14 * DAY_MS };
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/** A session of `staffId` on `deviceId` with the given expiry and revocation (ISO instants). */
async function addSession(
  db: SqlExecutor,
  staffId: string,
  deviceId: string,
  expiresAt: string,
  revokedAt: string | null = null,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `insert into staff_sessions (staff_id, device_id, token_hash, created_at, expires_at, revoked_at)
     values ($1, $2, $3, $4::timestamptz - interval '12 hours', $4, $5) returning id`,
    [staffId, deviceId, randomBytes(32).toString('hex'), expiresAt, revokedAt],
  );
  return rows[0]!.id;
}

/** A signing key valid over [createdAt, expiresAt], maybe revoked, maybe of a session. */
async function addKey(
  db: SqlExecutor,
  staffId: string,
  deviceId: string,
  validity: { createdAt: string; expiresAt: string; revokedAt?: string; sessionId?: string },
) {
  const { privateKey, publicKeyBase64 } = newSigningKeyPair();
  const { rows } = await db.query<{ id: string }>(
    `insert into staff_signing_keys (staff_id, device_id, session_id, public_key, created_at, expires_at, revoked_at)
     values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [
      staffId,
      deviceId,
      validity.sessionId ?? null,
      publicKeyBase64,
      validity.createdAt,
      validity.expiresAt,
      validity.revokedAt ?? null,
    ],
  );
  return { keyId: rows[0]!.id, privateKey };
}

const ids = async (db: SqlExecutor, table: string) =>
  (await db.query<{ id: string }>(`select id from ${table} order by id`)).rows.map((row) => row.id).sort();

describe.each(CENTRAL_BACKENDS)('pruning spent staff credentials on %s', (kind) => {
  const db = useCentralDb(kind);

  async function setup() {
    const practice = await setupPractice(db());
    const device = await addDevice(db(), null);
    return { staffId: practice.nurse, deviceId: device.deviceId };
  }

  it('deletes sessions once expired or revoked, and keeps their keys', async () => {
    const { staffId, deviceId } = await setup();
    const live = await addSession(db(), staffId, deviceId, ago(-DAY_MS));
    const expired = await addSession(db(), staffId, deviceId, ago(60_000));
    const signedOut = await addSession(db(), staffId, deviceId, ago(-DAY_MS), ago(1_000));
    const key = await addKey(db(), staffId, deviceId, {
      createdAt: ago(DAY_MS),
      expiresAt: ago(-DAY_MS),
      sessionId: expired,
    });

    expect(await pruneCredentials(db(), { ...WINDOW, batch: 1 })).toEqual({ sessions: 2, signingKeys: 0 });
    expect(await ids(db(), 'staff_sessions')).toEqual([live]);
    expect(expired).not.toBe(signedOut);
    const { rows } = await db().query<{ session_id: string | null }>(
      'select session_id from staff_signing_keys where id = $1',
      [key.keyId],
    );
    expect(rows).toEqual([{ session_id: null }]);
  });

  it('deletes a signing key only once every change it signed would be refused anyway', async () => {
    const { staffId, deviceId } = await setup();
    const tokenDevice = { deviceId, scheme: 'token' as const };
    // [name, key, claimed time of a change signed with it, kept by the pass?]
    const keys: [string, Awaited<ReturnType<typeof addKey>>, string, boolean][] = [];
    /** Times in days before now (negative: after), the claim of a change signed with the key. */
    const add = async (
      name: string,
      days: { created: number; expires: number; revoked?: number; claimed: number },
      kept: boolean,
    ) => {
      const key = await addKey(db(), staffId, deviceId, {
        createdAt: ago(days.created * DAY_MS),
        expiresAt: ago(days.expires * DAY_MS),
        ...(days.revoked === undefined ? {} : { revokedAt: ago(days.revoked * DAY_MS) }),
      });
      keys.push([name, key, ago(days.claimed * DAY_MS), kept]);
    };
    const MINUTE = 1 / (24 * 60);
    await add('live', { created: 1, expires: -13, claimed: MINUTE }, true);
    await add('expired 13 days ago', { created: 27, expires: 13, claimed: 13 + MINUTE }, true);
    await add('expired 15 days ago', { created: 29, expires: 15, claimed: 15 + MINUTE }, false);
    // Within the margin: kept a little longer than the proof needs.
    await add(
      'expired 14 days and 30 minutes ago',
      { created: 28 + 30 * MINUTE, expires: 14 + 30 * MINUTE, claimed: 14 + 31 * MINUTE },
      true,
    );
    await add('revoked 13 days ago', { created: 20, expires: -10, revoked: 13, claimed: 13 + MINUTE }, true);
    await add('revoked 15 days ago', { created: 20, expires: -10, revoked: 15, claimed: 15 + MINUTE }, false);

    // Before the pass: what each key still vouches for, pushed now.
    const accepted = new Map<string, boolean>();
    for (const [name, key, createdAt] of keys) {
      const [result] = await applyBatch(db(), tokenDevice, [
        signed(envelope('owner.create', ownerArgs(), staffId, { createdAt }), deviceId, key),
      ]);
      accepted.set(name, result?.status === 'applied');
    }
    expect(Object.fromEntries(accepted)).toEqual({
      live: true,
      'expired 13 days ago': true,
      'expired 15 days ago': false,
      'expired 14 days and 30 minutes ago': false,
      'revoked 13 days ago': true,
      'revoked 15 days ago': false,
    });

    expect(await pruneCredentials(db(), { ...WINDOW, batch: 1 })).toEqual({ sessions: 0, signingKeys: 2 });
    const remaining = new Set(await ids(db(), 'staff_signing_keys'));
    for (const [name, key, , kept] of keys) {
      expect(remaining.has(key.keyId), name).toBe(kept);
      // Never delete a key that would still vouch for a change.
      if (accepted.get(name)) expect(remaining.has(key.keyId), name).toBe(true);
    }
    expect(await pruneCredentials(db(), WINDOW)).toEqual({ sessions: 0, signingKeys: 0 });
  });

  it('prunes on a schedule while the server listens, and through the pruner itself', async () => {
    const { staffId, deviceId } = await setup();
    await addSession(db(), staffId, deviceId, ago(60_000));
    const app = buildApp({ db: db(), version: 'test', logLevel: 'silent', credentialPruning: { firstPassAfterMs: 0 } });
    try {
      await app.ready();
      const deadline = Date.now() + 10_000;
      while ((await ids(db(), 'staff_sessions')).length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await ids(db(), 'staff_sessions')).toEqual([]);
    } finally {
      await app.close();
    }

    await addKey(db(), staffId, deviceId, { createdAt: ago(34 * DAY_MS), expiresAt: ago(20 * DAY_MS) });
    const pruner = new CredentialPruner(db(), { ...WINDOW, firstPassAfterMs: 60_000 });
    expect(await pruner.pruneNow()).toEqual({ sessions: 0, signingKeys: 1 });
    await pruner.close();
  });
});
