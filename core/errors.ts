import { z } from 'zod';

/**
 * Every error code VetDesk reports, across IPC, HTTP and sync.
 * Codes are stable identifiers: never rename one, only add.
 */
export const ErrorCode = {
  /** Input failed validation against a shared schema. */
  ValidationFailed: 'VALIDATION_FAILED',
  /** The row a caller referred to does not exist (or is soft-deleted). */
  NotFound: 'NOT_FOUND',
  /** A uniqueness rule was broken (for example an owner's e-mail). */
  UniqueViolation: 'UNIQUE_VIOLATION',
  /** A foreign key rule was broken: a referenced row is missing, or retention forbids the delete. */
  ForeignKeyViolation: 'FOREIGN_KEY_VIOLATION',
  /** A CHECK constraint or enum rule was broken. */
  CheckViolation: 'CHECK_VIOLATION',
  /** A required column was missing. */
  NotNullViolation: 'NOT_NULL_VIOLATION',
  /** A final medical record cannot change; corrections are addenda. */
  RecordFinal: 'RECORD_FINAL',
  /** A paid or cancelled bill cannot change. */
  BillLocked: 'BILL_LOCKED',
  /** Bills are never deleted; they are cancelled. */
  BillNotDeletable: 'BILL_NOT_DELETABLE',
  /** A bill's number is assigned once by the central database and never changes. */
  BillNumberImmutable: 'BILL_NUMBER_IMMUTABLE',
  /** Items and links change only while a bill is a draft. */
  BillNotDraft: 'BILL_NOT_DRAFT',
  /** Payments are financial records: never changed or deleted. */
  PaymentImmutable: 'PAYMENT_IMMUTABLE',
  /** An addendum must refer to a final record of the same patient. */
  InvalidAddendum: 'INVALID_ADDENDUM',
  /** The audit trail is append-only. */
  AuditAppendOnly: 'AUDIT_APPEND_ONLY',
  /** The database's applied migrations are not a prefix of the known list. */
  MigrationMismatch: 'MIGRATION_MISMATCH',
  /** A migration file is malformed or missing its down migration. */
  MigrationInvalid: 'MIGRATION_INVALID',
  /** Configuration (environment variables, command-line flags) is invalid. */
  ConfigInvalid: 'CONFIG_INVALID',
  /** The database could not be reached; retrying later may succeed. */
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  /** Two transactions collided (serialization failure, deadlock); retrying may succeed. */
  TransactionConflict: 'TRANSACTION_CONFLICT',
  /** A sync request carried no valid device credentials. */
  Unauthenticated: 'UNAUTHENTICATED',
  /** The device's access was revoked by an admin: it must be enrolled again. */
  DeviceRevoked: 'DEVICE_REVOKED',
  /** The staff member is unknown, removed, or their role may not perform the operation. */
  Forbidden: 'FORBIDDEN',
  /** A mutation name the server does not know (an older server, or a typo). */
  UnknownMutation: 'UNKNOWN_MUTATION',
  /** Client and server speak different sync protocol versions: the workstation must update. */
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
  /** The conflict was already resolved (by another workstation, or earlier). */
  ConflictAlreadyResolved: 'CONFLICT_ALREADY_RESOLVED',
  /**
   * The UI could not reach the workstation backend (the web bridge connection dropped or a
   * request timed out). Whether a request sent before the drop ran is unknown; reading again
   * is safe.
   */
  BackendUnavailable: 'BACKEND_UNAVAILABLE',
  /** Anything not foreseen. */
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const errorCodeValues = Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]];

/** Codes whose cause is transient: the same request may succeed later. Decided here only. */
const retryableCodes: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.DatabaseUnavailable,
  ErrorCode.TransactionConflict,
  ErrorCode.BackendUnavailable,
]);

/** Structured, JSON-serialisable details attached to an error. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** The shape an error takes on the wire (IPC, HTTP, sync results). */
export const wireErrorSchema = z.object({
  code: z.enum(errorCodeValues),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/**
 * The one error class of VetDesk. `message` is for people; `code` is for programs.
 */
export class AppError extends Error {
  override readonly name = 'AppError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when retrying the same operation later may succeed. */
  get retryable(): boolean {
    return isRetryable(this.code);
  }

  /** The wire form; details are omitted when empty. */
  toWire(): WireError {
    return Object.keys(this.details).length === 0
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: { ...this.details } };
  }

  /** Rebuilds an error received from the wire. Throws a ZodError if `value` is not a wire error. */
  static fromWire(value: unknown): AppError {
    const wire = wireErrorSchema.parse(value);
    return new AppError(wire.code, wire.message, wire.details ?? {});
  }
}

/** Whether an error code denotes a transient failure worth retrying. */
export function isRetryable(code: ErrorCode): boolean {
  return retryableCodes.has(code);
}

/** Type guard for AppError that also works across module copies. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
