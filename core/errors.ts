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
  /** A value the database cannot take as given (a NUL character, bad encoding, ...). */
  InvalidInput: 'INVALID_INPUT',
  /** A value too large for the database to store or index (SQLSTATE class 54). */
  ValueTooLarge: 'VALUE_TOO_LARGE',
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
  /** A deceased patient cannot be booked (a new appointment, or one moved onto it). */
  PatientDeceased: 'PATIENT_DECEASED',
  /**
   * Using or refunding credit, or voiding a payment, would take an owner's credit on account
   * below zero (the credit is not there, or was already used).
   */
  InsufficientCredit: 'INSUFFICIENT_CREDIT',
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
  /** Wrong username or password (never says which), or the account cannot sign in. */
  SignInFailed: 'SIGN_IN_FAILED',
  /**
   * Too many failed sign-ins: the account (or this workstation's copy of it) is locked for a
   * while; `details.retryAfterSeconds` says how long. People retry, not programs.
   */
  SignInLocked: 'SIGN_IN_LOCKED',
  /** The request acts for a staff member but carries no valid session (none, expired, revoked, another device's). */
  SessionRequired: 'SESSION_REQUIRED',
  /**
   * An admin's change to a staff account that would lock the clinic out: deactivating
   * yourself, or removing the last active admin (`details.reason`).
   */
  StaffChangeRefused: 'STAFF_CHANGE_REFUSED',
  /** The enrolment code is unknown, already used or expired. */
  EnrolmentCodeInvalid: 'ENROLMENT_CODE_INVALID',
  /** This workstation has no device token yet: it must be enrolled with a code from an admin. */
  NotEnrolled: 'NOT_ENROLLED',
  /** A mutation name the server does not know (an older server, or a typo). */
  UnknownMutation: 'UNKNOWN_MUTATION',
  /** Client and server speak different sync protocol versions: the workstation must update. */
  ProtocolMismatch: 'PROTOCOL_MISMATCH',
  /**
   * A mutation id the server already recorded came again with other arguments, another name or
   * staff member, or from another device: ids name one change, never two.
   */
  MutationIdReused: 'MUTATION_ID_REUSED',
  /**
   * The central database was restored from a backup since this workstation last synced (its
   * shape epoch changed): nothing in the push was applied. The workstation re-pushes what it
   * had settled since (core/sync/restore-epoch.ts) and pushes again.
   */
  ServerRestored: 'SERVER_RESTORED',
  /** The conflict was already resolved (by another workstation, or earlier). */
  ConflictAlreadyResolved: 'CONFLICT_ALREADY_RESOLVED',
  /**
   * The UI could not reach the workstation backend (the web bridge connection dropped or a
   * request timed out). Whether a request sent before the drop ran is unknown; reading again
   * is safe.
   */
  BackendUnavailable: 'BACKEND_UNAVAILABLE',
  /**
   * The central server could not be reached, or gave no usable answer (5xx, timeout, a
   * malformed body); nothing it was sent is known to have been decided. Retrying later is safe.
   */
  ServerUnavailable: 'SERVER_UNAVAILABLE',
  /** The central server asked the client to slow down (429); retrying later may succeed. */
  RateLimited: 'RATE_LIMITED',
  /**
   * The update feed's address is not https (plain http is allowed only to this computer): the
   * workstation does not look for updates there at all.
   */
  UpdateFeedInsecure: 'UPDATE_FEED_INSECURE',
  /** No update to act on: this workstation has no updater (the web bridge), or none is ready to install. */
  UpdateUnavailable: 'UPDATE_UNAVAILABLE',
  /**
   * A backup file VetDesk cannot restore: not a backup, truncated, a checksum that does not
   * match, another engine's, or from a newer schema than this version knows (`details.reason`).
   */
  BackupInvalid: 'BACKUP_INVALID',
  /** A restore was refused before anything was written: the target database is not empty. */
  RestoreTargetNotEmpty: 'RESTORE_TARGET_NOT_EMPTY',
  /** pg_dump or pg_restore could not be run or failed (`details.tool`, `details.stderr`). */
  BackupToolFailed: 'BACKUP_TOOL_FAILED',
  /**
   * This version could not upgrade the workstation's local database: the file was put back as it
   * was and the workstation runs on the previous data version, refusing local changes until an
   * admin installs a version that upgrades it (docs/sync-workstation.md).
   */
  LocalUpgradeFailed: 'LOCAL_UPGRADE_FAILED',
  /**
   * The update channel is held (docs/updates.md): it serves nothing new, so its rollout cannot
   * change until an admin resumes it.
   */
  ChannelHeld: 'CHANNEL_HELD',
  /**
   * A release offered for publishing does not check out: an artifact's size or sha512 differs
   * from its manifest, a file is missing, or a manifest's signature is not the release key's.
   */
  ReleaseInvalid: 'RELEASE_INVALID',
  /** A byte range that starts past the end of the file asked for (416). */
  RangeNotSatisfiable: 'RANGE_NOT_SATISFIABLE',
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
  ErrorCode.ServerUnavailable,
  ErrorCode.RateLimited,
]);

/**
 * Codes that, refusing a whole sync request, mean this workstation cannot sync at all until
 * people act (enrol it again, update it): resending anything is pointless.
 */
const blockingCodes: ReadonlySet<ErrorCode> = new Set([
  ErrorCode.Unauthenticated,
  ErrorCode.DeviceRevoked,
  ErrorCode.Forbidden,
  ErrorCode.ProtocolMismatch,
]);

/** Structured, JSON-serialisable details attached to an error. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** One problem found in an input: where (keys and indexes from the input's root) and what. */
export interface ValidationIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The details each code promises. Codes not listed carry free-form `ErrorDetails`. Extra keys
 * are allowed (context for logs), the listed ones are guaranteed.
 */
export interface ErrorDetailsByCode {
  /** Every problem found, with paths relative to the validated input. */
  VALIDATION_FAILED: ErrorDetails & { readonly issues: readonly ValidationIssue[] };
  /** `reason` tells which backend was out of reach (e.g. CENTRAL_UNREACHABLE, core/api/audit.ts). */
  BACKEND_UNAVAILABLE: ErrorDetails & { readonly reason?: string; readonly detail?: string };
  /**
   * Why the server refused the staff member, when it was about who they are
   * (sync/server/authorize.ts) or about a mutation's proof of who made it.
   */
  FORBIDDEN: ErrorDetails & {
    readonly reason?:
      'role' | 'staff_removed' | 'unknown_staff' | 'other_clinic' | 'unsigned' | 'signing_key' | 'signature';
  };
  /** Which rule refused the change. */
  STAFF_CHANGE_REFUSED: ErrorDetails & { readonly reason: 'self' | 'last_admin' };
  /** Seconds until the next sign-in attempt is allowed. */
  SIGN_IN_LOCKED: ErrorDetails & { readonly retryAfterSeconds: number };
  /** The mutation name the server does not know. */
  UNKNOWN_MUTATION: ErrorDetails & { readonly name: string };
  /** What is wrong with the backup file. */
  BACKUP_INVALID: ErrorDetails & {
    readonly reason: 'format' | 'truncated' | 'checksum' | 'engine' | 'schema';
  };
  /** The conflict that was already resolved. */
  CONFLICT_ALREADY_RESOLVED: ErrorDetails & { readonly id: string };
}

/** The details an error of `Code` carries. */
export type ErrorDetailsOf<Code extends ErrorCode> = Code extends keyof ErrorDetailsByCode
  ? ErrorDetailsByCode[Code]
  : ErrorDetails;

/** The constructor's optional tail: details are required exactly when the code promises some. */
type AppErrorTail<Code extends ErrorCode> =
  Record<string, never> extends ErrorDetailsOf<Code>
    ? [details?: ErrorDetailsOf<Code>, options?: { cause?: unknown }]
    : [details: ErrorDetailsOf<Code>, options?: { cause?: unknown }];

/** The shape an error takes on the wire (IPC, HTTP, sync results). */
export const wireErrorSchema = z.object({
  code: z.enum(errorCodeValues),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/**
 * The one error class of VetDesk. `message` is for people; `code` is for programs; `details`
 * has the shape `ErrorDetailsByCode` promises for the code.
 */
export class AppError<Code extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'AppError';
  readonly details: ErrorDetailsOf<Code>;

  constructor(
    readonly code: Code,
    message: string,
    ...[details, options]: AppErrorTail<Code>
  ) {
    super(message, options);
    // The tail makes `details` required whenever `{}` would not do, so `{}` is only used here
    // for codes whose details are free-form.
    this.details = details ?? ({} as ErrorDetailsOf<Code>);
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

  /**
   * Rebuilds an error received from the wire. VALIDATION_FAILED details are normalised to
   * `{ issues: ValidationIssue[] }` (older peers sent dotted string paths or `{ param }`).
   * Throws a ZodError if `value` is not a wire error.
   */
  static fromWire(value: unknown): AppError {
    const wire = wireErrorSchema.parse(value);
    const details = wire.details ?? {};
    if (wire.code === ErrorCode.ValidationFailed) {
      return new AppError(wire.code, wire.message, { ...details, issues: issuesFromDetails(details) });
    }
    return new AppError(wire.code, wire.message, details);
  }
}

/** Whether an error code denotes a transient failure worth retrying. The only such rule. */
export function isRetryable(code: ErrorCode): boolean {
  return retryableCodes.has(code);
}

/**
 * What to do when a whole sync request fails with `code`: `retry` the same request later
 * (`isRetryable`), stop syncing (`block`: credentials, access or protocol), or treat it as a
 * refusal of what was sent (`refuse`).
 */
export function requestDisposition(code: ErrorCode): 'retry' | 'block' | 'refuse' {
  if (isRetryable(code)) return 'retry';
  return blockingCodes.has(code) ? 'block' : 'refuse';
}

/** An issue as callers state it: zod's paths may hold symbols, which become strings. */
type IssueInput = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * The one way to build a VALIDATION_FAILED error: from a ZodError (or its issues), from issues
 * stated by hand, or from a message alone (one issue about the input as a whole). The message
 * defaults to the first issue's; `extra` adds context keys beside `issues`.
 */
export function validationError(message: string, extra?: ErrorDetails): AppError<typeof ErrorCode.ValidationFailed>;
export function validationError(
  problems: z.ZodError | readonly IssueInput[],
  message?: string,
  extra?: ErrorDetails,
): AppError<typeof ErrorCode.ValidationFailed>;
export function validationError(
  problems: string | z.ZodError | readonly IssueInput[],
  messageOrExtra?: string | ErrorDetails,
  extra: ErrorDetails = {},
): AppError<typeof ErrorCode.ValidationFailed> {
  if (typeof problems === 'string') {
    const context = typeof messageOrExtra === 'object' ? messageOrExtra : {};
    return new AppError(ErrorCode.ValidationFailed, problems, {
      ...context,
      issues: [{ path: [], message: problems }],
    });
  }
  const list = problems instanceof z.ZodError ? problems.issues : problems;
  const issues = list.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'number' ? part : String(part))),
    message: issue.message,
  }));
  const message = typeof messageOrExtra === 'string' ? messageOrExtra : undefined;
  return new AppError(ErrorCode.ValidationFailed, message ?? issues[0]?.message ?? 'Invalid input', {
    ...extra,
    issues,
  });
}

/** Splits a dotted path as older peers sent it (`changes.city`, `items.0.amount`). */
function splitDotted(path: string): (string | number)[] {
  return path === '' ? [] : path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function isPath(value: unknown): value is (string | number)[] {
  return Array.isArray(value) && value.every((part) => typeof part === 'string' || typeof part === 'number');
}

/**
 * Reads the issues of VALIDATION_FAILED details in any shape VetDesk ever sent: array paths,
 * dotted string paths, or `{ param }` (shape requests). Anything unreadable is skipped.
 */
export function issuesFromDetails(details: unknown): ValidationIssue[] {
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const raw = details.issues;
  if (!Array.isArray(raw)) return [];
  const issues: ValidationIssue[] = [];
  for (const item of raw as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const { path, param, message } = item as { path?: unknown; param?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const where = path ?? param;
    if (isPath(where)) {
      issues.push({ path: where, message });
    } else if (typeof where === 'string') {
      issues.push({ path: splitDotted(where), message });
    }
  }
  return issues;
}

/** The code of an AppError or of its wire form from across a bridge; undefined for anything else. */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const parsed = wireErrorSchema.shape.code.safeParse(error.code);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The details of `error` when it is an error (an AppError, or its wire form from across a
 * bridge) with `code`; undefined otherwise. VALIDATION_FAILED issues are normalised.
 */
export function detailsIf<Code extends ErrorCode>(error: unknown, code: Code): ErrorDetailsOf<Code> | undefined {
  if (errorCodeOf(error) !== code || typeof error !== 'object' || error === null) return undefined;
  const raw = 'details' in error && typeof error.details === 'object' && error.details !== null ? error.details : {};
  const details: ErrorDetails =
    code === ErrorCode.ValidationFailed ? { ...raw, issues: issuesFromDetails(raw) } : { ...raw };
  // Checked by code above; free-form keys are the code's optional ones.
  return details as ErrorDetailsOf<Code>;
}

/** Type guard for AppError that also works across module copies. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
