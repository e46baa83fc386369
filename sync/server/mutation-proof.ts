import { AppError, ErrorCode } from '../../core/errors.js';
import type { MutationEnvelope } from '../../core/sync/protocol.js';
import type { SqlExecutor } from '../../db/central/connection.js';
import { signingKeyById, type SigningKey } from '../../db/central/queries/sessions.js';
import { verifyMutationSignature } from '../identity/mutation-signer.js';
import { mutationInstant, type ClockBounds } from './server-time.js';

/**
 * Who made a pushed mutation, proven (architecture §5). A workstation signs every mutation at
 * the moment it is made with the key registered at its author's last online sign-in there, so
 * changes made offline are attributed to their author whoever pushes them later, and nobody who
 * merely holds the workstation's files can act as someone else.
 */

/** The device a push comes from, and how it proved itself (server/auth/device-auth.ts). */
export interface PushingDevice {
  deviceId: string;
  /** `token` devices must sign; `development` devices (loopback-only scheme) may omit it. */
  scheme: 'token' | 'development';
}

/** Clock difference tolerated between a workstation and the server, either way. */
export const SIGNING_CLOCK_SKEW_MS = 5 * 60 * 1000;

type ProofFailure = 'unsigned' | 'signing_key' | 'signature';

function refused(reason: ProofFailure, message: string, envelope: MutationEnvelope): AppError {
  return new AppError(ErrorCode.Forbidden, message, { reason, staffId: envelope.staffId });
}

/** The server's clock when a push is applied, and how far a claimed time may stray from it. */
export interface ProofClock {
  /** The database's clock at the start of the mutation's transaction. */
  serverNow: Date;
  bounds: ClockBounds;
}

/**
 * The instant a key's validity is checked at: the workstation's claim, but never older than the
 * server lets any mutation be (server-time.ts: now minus the offline window, and not before the
 * key existed). A claim in the future is kept as it is, so it cannot slip under an expiry or a
 * revocation either. Setting a clock back therefore buys at most the offline window: a change
 * arriving more than that after its key stopped vouching is refused whatever it claims, which
 * is also what lets spent keys be deleted (server/auth/credential-pruning.ts).
 */
export function keyCheckInstant(claimed: string, key: Pick<SigningKey, 'createdAt'>, clock: ProofClock): number {
  const bounded = Date.parse(mutationInstant(claimed, clock.serverNow, clock.bounds, key.createdAt).at);
  const claimedMs = Date.parse(claimed);
  return Number.isNaN(claimedMs) ? bounded : Math.max(claimedMs, bounded);
}

/** Why `key` cannot vouch for `envelope` from `deviceId`, or undefined when it can. */
function keyProblem(
  key: SigningKey | undefined,
  envelope: MutationEnvelope,
  deviceId: string,
  clock: ProofClock,
): string | undefined {
  if (!key) return 'The signing key is unknown';
  if (key.deviceId !== deviceId) return 'The signing key was issued to another workstation';
  if (key.staffId !== envelope.staffId) return 'The signing key belongs to another staff member';
  if (Date.parse(envelope.createdAt) < key.createdAt.getTime() - SIGNING_CLOCK_SKEW_MS) {
    return 'The change predates its signing key';
  }
  const madeAt = keyCheckInstant(envelope.createdAt, key, clock);
  if (madeAt > key.expiresAt.getTime() + SIGNING_CLOCK_SKEW_MS) {
    return 'The signing key had expired when the change was made, or the change arrived too long after: sign in online again';
  }
  if (key.revokedAt !== null && madeAt >= key.revokedAt.getTime()) {
    return 'The signing key was revoked (password change, reset, deactivation or role change) before the change was made';
  }
  return undefined;
}

/**
 * Checks `envelope`'s proof and answers the staff member it proves (the key's, which equals
 * `envelope.staffId`). A development device's unsigned envelope is taken at its word: that
 * scheme only exists behind a loopback-only flag.
 * @throws AppError FORBIDDEN with `reason` `unsigned` (a token device sent no signature),
 *   `signing_key` (unknown key, another device's or person's, or the change's time, as
 *   `keyCheckInstant` bounds it, outside the key's validity: before its creation, after its
 *   expiry, at or after its revocation) or `signature` (it does not verify). The caller records it as that
 *   mutation's rejection; it never fails the push.
 */
export async function provenStaffId(
  tx: SqlExecutor,
  device: PushingDevice,
  envelope: MutationEnvelope,
  clock: ProofClock,
): Promise<string> {
  const { signature } = envelope;
  if (!signature) {
    if (device.scheme === 'development') return envelope.staffId;
    throw refused('unsigned', 'This change is not signed: the workstation must sign every change', envelope);
  }
  const key = await signingKeyById(tx, signature.keyId);
  const problem = keyProblem(key, envelope, device.deviceId, clock);
  if (problem !== undefined || !key) throw refused('signing_key', problem ?? 'The signing key is unknown', envelope);
  const fields = {
    deviceId: device.deviceId,
    id: envelope.id,
    name: envelope.name,
    args: envelope.args,
    staffId: envelope.staffId,
    createdAt: envelope.createdAt,
  };
  if (!verifyMutationSignature(key.publicKey, fields, signature.value)) {
    throw refused('signature', 'The change’s signature does not match it', envelope);
  }
  return key.staffId;
}
