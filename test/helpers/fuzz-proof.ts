import { newId } from '../../core/ids.js';
import { signMutation } from '../../sync/identity/mutation-signer.js';
import type { DeviceSlot, FuzzCredential, FuzzIdentity, FuzzRole } from './fuzz-identity.js';

/**
 * Proofs of authorship for fuzzed mutations (sync/server/mutation-proof.ts): the right one,
 * and each way a forger or a confused workstation could get it wrong.
 * - `valid`: the claimed author's key on the pushing device, over exactly what is sent;
 * - `unsigned`: no signature at all (an enrolled device must sign);
 * - `flipped`: a valid signature with one character changed;
 * - `otherStaffKey`: another person's key on this device, claiming the author;
 * - `otherDeviceKey`: the author's own key, but the one registered on the other device;
 * - `otherDevicePayload` / `otherId` / `otherArgs` / `otherTime`: the right key, over another
 *   device id, mutation id, arguments or time than the ones sent;
 * - `unknownKey`: a valid signature under a key id the server never issued;
 * - `revokedKey`: the spare member's key revoked by their password change, claiming them;
 * - `junkValue`: whatever text in place of the signature.
 */
export const PROOF_PLANS = [
  'valid',
  'unsigned',
  'flipped',
  'otherStaffKey',
  'otherDeviceKey',
  'otherDevicePayload',
  'otherId',
  'otherArgs',
  'otherTime',
  'unknownKey',
  'revokedKey',
  'junkValue',
] as const;
export type ProofPlan = (typeof PROOF_PLANS)[number];

/** `details.reason` of a mutation refused for its proof. */
export const PROOF_REFUSALS: readonly string[] = ['unsigned', 'signing_key', 'signature'];

/** An envelope as the fuzzer builds it: any field may hold anything. */
export interface FuzzEnvelope {
  id: unknown;
  name: string;
  args: unknown;
  staffId: unknown;
  createdAt: unknown;
  signature?: { keyId: unknown; value: unknown };
}

/** `value` as text for the signed fields (non-text ones are refused by the server's schema anyway). */
const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));

function sign(signer: FuzzCredential, deviceId: string, envelope: FuzzEnvelope): string {
  return signMutation(signer.privateKey, {
    deviceId,
    id: text(envelope.id),
    name: envelope.name,
    args: envelope.args,
    staffId: text(envelope.staffId),
    createdAt: text(envelope.createdAt),
  });
}

/** A base64 signature with its first character changed (still base64, no longer valid). */
function flip(signature: string): string {
  return `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
}

/**
 * `envelope` carrying the proof `plan` describes, as pushed from device `slot`. `role` is the
 * claimed author (null when the envelope claims someone who is not signed in anywhere: then the
 * vet's key signs, which cannot vouch for them).
 */
export function withProof(
  envelope: FuzzEnvelope,
  plan: ProofPlan,
  context: { identity: FuzzIdentity; slot: DeviceSlot; role: FuzzRole | null; junkValue: string },
): FuzzEnvelope {
  const { identity, slot, role, junkValue } = context;
  const here = identity.devices[slot].deviceId;
  const otherSlot: DeviceSlot = slot === 0 ? 1 : 0;
  const author = identity.credentials[slot][role ?? 'vet'];
  const signedBy = (signer: FuzzCredential, over: FuzzEnvelope = envelope, deviceId = here) => ({
    ...envelope,
    signature: { keyId: signer.keyId, value: sign(signer, deviceId, over) },
  });
  switch (plan) {
    case 'valid':
      return signedBy(author);
    case 'unsigned':
      return envelope;
    case 'flipped': {
      const proven = signedBy(author);
      return { ...proven, signature: { keyId: author.keyId, value: flip(text(proven.signature.value)) } };
    }
    case 'otherStaffKey':
      return signedBy(identity.credentials[slot][role === 'nurse' ? 'frontDesk' : 'nurse']);
    case 'otherDeviceKey':
      return signedBy(identity.credentials[otherSlot][role ?? 'vet']);
    case 'otherDevicePayload':
      return signedBy(author, envelope, identity.devices[otherSlot].deviceId);
    case 'otherId':
      return signedBy(author, { ...envelope, id: newId() });
    case 'otherArgs':
      return signedBy(author, { ...envelope, args: { signed: envelope.args } });
    case 'otherTime':
      return signedBy(author, { ...envelope, createdAt: `${text(envelope.createdAt)} ` });
    case 'unknownKey':
      return { ...signedBy(author), signature: { keyId: newId(), value: sign(author, here, envelope) } };
    case 'revokedKey': {
      const claimed = { ...envelope, staffId: identity.revoked.staffId };
      return { ...claimed, signature: { keyId: identity.revoked.keyId, value: sign(identity.revoked, here, claimed) } };
    }
    case 'junkValue':
      return { ...envelope, signature: { keyId: author.keyId, value: junkValue } };
  }
}
