import { AppError, ErrorCode, isAppError } from '../../core/errors.js';

/** SQLSTATEs raised by VetDesk's own triggers (migrations/central), mapped to error codes. */
const vetdeskStates: Readonly<Record<string, ErrorCode>> = {
  VD001: ErrorCode.RecordFinal,
  VD002: ErrorCode.BillLocked,
  VD003: ErrorCode.BillNotDeletable,
  VD004: ErrorCode.BillNumberImmutable,
  VD005: ErrorCode.BillNotDraft,
  VD006: ErrorCode.PaymentImmutable,
  VD007: ErrorCode.InvalidAddendum,
  VD010: ErrorCode.AuditAppendOnly,
  VD020: ErrorCode.PatientDeceased,
  VD021: ErrorCode.InsufficientCredit,
};

/** Standard SQLSTATEs VetDesk distinguishes. Codes, never message text: it differs by version. */
const standardStates: Readonly<Record<string, ErrorCode>> = {
  '23505': ErrorCode.UniqueViolation,
  '23503': ErrorCode.ForeignKeyViolation,
  '23001': ErrorCode.ForeignKeyViolation, // restrict_violation
  '23514': ErrorCode.CheckViolation,
  '22P02': ErrorCode.CheckViolation, // invalid text representation, e.g. a bad enum value
  '22001': ErrorCode.CheckViolation, // string_data_right_truncation
  '22003': ErrorCode.CheckViolation, // numeric_value_out_of_range, e.g. beyond numeric(12,2)
  '22007': ErrorCode.CheckViolation, // invalid_datetime_format
  '22008': ErrorCode.CheckViolation, // datetime_field_overflow
  '23502': ErrorCode.NotNullViolation,
  '22021': ErrorCode.InvalidInput, // character_not_in_repertoire
  '22P05': ErrorCode.InvalidInput, // untranslatable_character, e.g. U+0000 in jsonb
  '54000': ErrorCode.ValueTooLarge, // program_limit_exceeded, e.g. an index row too big
  '54001': ErrorCode.ValueTooLarge, // statement_too_complex
  '54011': ErrorCode.ValueTooLarge, // too_many_columns
  '54023': ErrorCode.ValueTooLarge, // too_many_arguments
  '40001': ErrorCode.TransactionConflict, // serialization_failure
  '40P01': ErrorCode.TransactionConflict, // deadlock_detected
  '57P01': ErrorCode.DatabaseUnavailable, // admin_shutdown
  // query_canceled: the statement timeout (PG_STATEMENT_TIMEOUT) fired, which under load is
  // transient. A statement that always times out is quarantined by the workstation after N tries.
  '57014': ErrorCode.DatabaseUnavailable,
  '08000': ErrorCode.DatabaseUnavailable,
  '08003': ErrorCode.DatabaseUnavailable,
  '08006': ErrorCode.DatabaseUnavailable,
};

const networkErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

interface DriverErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  detail?: unknown;
  message?: unknown;
}

/** The SQLSTATE of a `pg` or PGlite error, or undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as DriverErrorFields | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Turns a driver error into an AppError with a stable code, keeping the constraint, table and
 * column as details. AppErrors pass through unchanged. Connection failures map to the
 * retryable DATABASE_UNAVAILABLE.
 */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const fields = (typeof error === 'object' && error !== null ? error : {}) as DriverErrorFields;
  const message = typeof fields.message === 'string' ? fields.message : String(error);
  const state = sqlState(error);
  const details: Record<string, unknown> = {};
  for (const key of ['constraint', 'table', 'column', 'detail'] as const) {
    if (typeof fields[key] === 'string') details[key] = fields[key];
  }
  if (state) {
    details['sqlState'] = state;
    const code = vetdeskStates[state] ?? standardStates[state];
    if (code) return new AppError(code, message, details, { cause: error });
    if (state.startsWith('08')) return new AppError(ErrorCode.DatabaseUnavailable, message, details, { cause: error });
    // Any other data exception is still deterministic: the same value fails the same way.
    if (state.startsWith('22')) return new AppError(ErrorCode.InvalidInput, message, details, { cause: error });
    if (state.startsWith('54')) return new AppError(ErrorCode.ValueTooLarge, message, details, { cause: error });
  } else if (typeof fields.code === 'string' && networkErrorCodes.has(fields.code)) {
    return new AppError(ErrorCode.DatabaseUnavailable, message, { errno: fields.code }, { cause: error });
  }
  return new AppError(ErrorCode.Internal, message, details, { cause: error });
}
