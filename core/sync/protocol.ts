import { z } from 'zod';
import { wireErrorSchema } from '../errors.js';
import { uuidSchema } from '../domain/values.js';

/**
 * The write path's wire format (`POST /v1/mutations`). Both ends import these schemas; the
 * server refuses a request whose protocol version it does not speak (426), so an old
 * workstation is told to update instead of being misunderstood.
 */
export const SYNC_PROTOCOL_VERSION = 1;

/** Header carrying the protocol version on every sync request. */
export const PROTOCOL_HEADER = 'vetdesk-protocol';

/** Most mutations one push may carry. */
export const MAX_PUSH_BATCH = 100;

/** One mutation as a workstation sends it: validated against its own schema on arrival. */
export const mutationEnvelopeSchema = z.object({
  /** Client-generated UUIDv7: the idempotency key. */
  id: uuidSchema,
  name: z.string().min(1).max(100),
  args: z.unknown(),
  /** The staff member signed in on the workstation when the change was made. */
  staffId: uuidSchema,
  /** The workstation's clock at the change (ISO 8601). */
  createdAt: z.iso.datetime({ offset: true }),
  /**
   * Proof that `staffId` made this change on this device: an Ed25519 signature (base64) over
   * `mutationSigningPayload` (core/auth/mutation-payload.ts) with the signing key registered at
   * that person's last online sign-in on this device. Required from enrolled devices; only the
   * loopback-only development scheme may omit it.
   */
  signature: z
    .object({
      keyId: uuidSchema,
      value: z
        .string()
        .max(200)
        .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64'),
    })
    .optional(),
});
export type MutationEnvelope = z.infer<typeof mutationEnvelopeSchema>;

export const pushRequestSchema = z.object({
  protocolVersion: z.literal(SYNC_PROTOCOL_VERSION),
  mutations: z.array(mutationEnvelopeSchema).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** A conflict the server resolved while applying a mutation. */
export const conflictSummarySchema = z.object({
  id: uuidSchema,
  kind: z.enum(['field', 'clinical_text', 'duplicate', 'overlap', 'delete_vs_edit', 'edit_vs_delete']),
  table: z.string(),
  rowId: uuidSchema,
  field: z.string().nullable(),
});
export type ConflictSummary = z.infer<typeof conflictSummarySchema>;

export const MUTATION_STATUSES = ['applied', 'merged', 'rejected'] as const;

/** Replicated tables the transaction changed: its effect is complete on a workstation once
 * each of these tables' shapes has delivered `txid`. */
const changedTables = z.array(z.string());

/** A mutation the server applied as sent: `txid` is the PostgreSQL transaction that carried it. */
const appliedResultSchema = z.object({
  id: uuidSchema,
  status: z.literal('applied'),
  txid: z.string(),
  tables: changedTables,
  conflicts: z.array(conflictSummarySchema).optional(),
});

/** A mutation the server applied after resolving conflicts, listed in `conflicts`. */
const mergedResultSchema = appliedResultSchema.extend({
  status: z.literal('merged'),
  conflicts: z.array(conflictSummarySchema),
});

/** A mutation the server refused: nothing changed, and `error` always says why. */
const rejectedResultSchema = z.object({
  id: uuidSchema,
  status: z.literal('rejected'),
  txid: z.null(),
  tables: z.tuple([]),
  error: wireErrorSchema,
});

/**
 * The server's answer for one mutation, discriminated on `status`; replays return the recorded
 * answer unchanged.
 */
export const mutationResultSchema = z.discriminatedUnion('status', [
  appliedResultSchema,
  mergedResultSchema,
  rejectedResultSchema,
]);
export type MutationResult = z.infer<typeof mutationResultSchema>;
export type RejectedResult = z.infer<typeof rejectedResultSchema>;

export const pushResponseSchema = z.object({
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;
