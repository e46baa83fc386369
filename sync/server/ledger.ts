import { AppError, ErrorCode } from '../../core/errors.js';
import { mutationResultSchema, type MutationEnvelope, type MutationResult } from '../../core/sync/protocol.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import { canonicalJson } from '../../core/auth/mutation-payload.js';
import { asStored, ledgerJson } from './ledger-json.js';

/**
 * The idempotency ledger (`sync.mutations`): one row per mutation id, holding the exact result
 * first returned. A replay answers that result and changes nothing.
 */

/**
 * Results recorded before `MutationResult` became a union on `status` were checked against a
 * looser schema: a rejection's `error` and a merge's `conflicts` were optional. None written
 * by this server lacks them, but a replay must never fail on a row that does, so such rows
 * are completed here, at read time, and stay as recorded.
 */
function completeLegacy(recorded: unknown): unknown {
  if (typeof recorded !== 'object' || recorded === null || !('status' in recorded)) return recorded;
  if (recorded.status === 'rejected' && !('error' in recorded)) {
    return {
      ...recorded,
      error: { code: ErrorCode.Internal, message: 'The server recorded this refusal without giving a reason' },
    };
  }
  if (recorded.status === 'merged' && !('conflicts' in recorded)) return { ...recorded, conflicts: [] };
  return recorded;
}

/**
 * The recorded result of mutation `id`, or undefined when it was never recorded.
 * @throws ZodError when the recorded result is not a result at all (a corrupted ledger).
 */
export async function recordedResult(db: SqlExecutor, id: string): Promise<MutationResult | undefined> {
  const { rows } = await db.query<{ result: unknown }>(`select result from sync.mutations where id = $1`, [id]);
  return rows[0] ? mutationResultSchema.parse(completeLegacy(rows[0].result)) : undefined;
}

/**
 * The recorded result of `envelope`'s id when the envelope is the one recorded (same device,
 * name, staff member and arguments; arguments compared as jsonb, so key order does not
 * matter), or undefined when the id was never recorded. Once an erasure redacted the recorded
 * arguments (`erased_at`), they can no longer be compared: device, name and staff must match.
 * @throws AppError MUTATION_ID_REUSED (409) when the id was recorded for another change: a
 *   replay must never hand one device the result of another device's mutation.
 * @throws ZodError when the recorded result is not a result at all (a corrupted ledger).
 */
export async function replayedResult(
  db: SqlExecutor,
  envelope: MutationEnvelope,
  deviceId: string,
): Promise<MutationResult | undefined> {
  const { rows } = await db.query<{ result: unknown; same: boolean }>(
    `select result,
            (device_id = $2::uuid and name = $3 and staff_id = $4::uuid
              and (args = $5::text::jsonb or erased_at is not null)) as same
       from sync.mutations where id = $1`,
    [envelope.id, deviceId, envelope.name, envelope.staffId, ledgerJson(envelope.args ?? null)],
  );
  const row = rows[0];
  if (!row) return undefined;
  if (!row.same) {
    throw reusedIdError(envelope.id);
  }
  return mutationResultSchema.parse(completeLegacy(row.result));
}

function reusedIdError(id: string): AppError {
  return new AppError(ErrorCode.MutationIdReused, 'This change id was already used for a different change', { id });
}

/** What makes two envelopes with one id the same change (see `replayedResult`). */
function changeIdentity(envelope: MutationEnvelope): string {
  return canonicalJson([envelope.name, envelope.staffId.toLowerCase(), envelope.args ?? null]);
}

/**
 * Refuses a whole batch before anything in it is applied when one of its ids names a
 * different change: twice inside the batch with different content, or recorded in the ledger
 * for another device, name, staff member or arguments. Without this check a reused id half-way
 * through a batch would answer 409 after the mutations before it had committed.
 * One query whatever the batch size. A concurrent push that records one of these ids after
 * the check is still caught by `replayedResult`, mid-batch (a client racing itself).
 * @throws AppError MUTATION_ID_REUSED (409) naming the first reused id.
 */
export async function refuseReusedIds(
  db: SqlExecutor,
  envelopes: readonly MutationEnvelope[],
  deviceId: string,
): Promise<void> {
  const seen = new Map<string, string>();
  for (const envelope of envelopes) {
    const id = envelope.id.toLowerCase();
    const identity = changeIdentity(envelope);
    const earlier = seen.get(id);
    if (earlier !== undefined && earlier !== identity) throw reusedIdError(envelope.id);
    seen.set(id, identity);
  }
  const { rows } = await db.query<{ id: string }>(
    `select m.id
       from sync.mutations m
       join jsonb_to_recordset($1::text::jsonb) as b(id uuid, name text, staff_id uuid, args jsonb)
         on b.id = m.id
      where not (m.device_id = $2::uuid and m.name = b.name and m.staff_id = b.staff_id
                 and (m.args = coalesce(b.args, 'null'::jsonb) or m.erased_at is not null))
      limit 1`,
    [
      ledgerJson(envelopes.map((e) => ({ id: e.id, name: e.name, staff_id: e.staffId, args: e.args ?? null }))),
      deviceId,
    ],
  );
  if (rows[0]) throw reusedIdError(rows[0].id);
}

const insertLedgerRow = `insert into sync.mutations
  (id, device_id, staff_id, name, args, client_created_at, status, result, txid)
  values ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8::text::jsonb, $9::text::xid8)`;

function ledgerParams(envelope: MutationEnvelope, deviceId: string, result: MutationResult): unknown[] {
  return [
    envelope.id,
    deviceId,
    envelope.staffId,
    envelope.name,
    ledgerJson(envelope.args ?? null),
    envelope.createdAt,
    result.status,
    ledgerJson(result),
    result.txid,
  ];
}

/**
 * Records an applied mutation's result. Call it inside the mutation's own transaction, so the
 * record and the effects commit together.
 * @throws the driver's unique violation if the id is already recorded (the transaction must
 *   then roll back: the mutation was applied by someone else first).
 */
export async function recordApplied(
  tx: SqlExecutor,
  envelope: MutationEnvelope,
  deviceId: string,
  result: MutationResult,
): Promise<void> {
  await tx.query(insertLedgerRow, ledgerParams(envelope, deviceId, result));
}

/**
 * Records a rejection (after the mutation's transaction rolled back) unless the id is already
 * recorded, and returns the result that stands: `result` as stored, or the one recorded first
 * by a concurrent push of the same mutation. Arguments jsonb cannot hold (NUL, a lone
 * surrogate) are stored with U+FFFD in their place, so a poisoned mutation is still recorded.
 */
export async function recordRejected(
  db: SqlExecutor,
  envelope: MutationEnvelope,
  deviceId: string,
  result: MutationResult,
): Promise<MutationResult> {
  const { rows } = await db.query(
    `${insertLedgerRow} on conflict (id) do nothing returning id`,
    ledgerParams(envelope, deviceId, result),
  );
  if (rows.length > 0) return asStored(result);
  return (await recordedResult(db, envelope.id)) ?? result;
}
