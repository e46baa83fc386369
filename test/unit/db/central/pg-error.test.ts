import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../../core/errors.js';
import { toAppError } from '../../../../db/central/pg-error.js';

const driverError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error('driver says no'), { code, ...extra });

describe('driver errors to AppError', () => {
  it('maps constraint SQLSTATEs and keeps the constraint and table', () => {
    const error = toAppError(driverError('23505', { constraint: 'owners_email_active_key', table: 'owners' }));
    expect(error).toMatchObject({
      code: ErrorCode.UniqueViolation,
      details: { constraint: 'owners_email_active_key', table: 'owners', sqlState: '23505' },
    });
  });

  it('maps both RESTRICT spellings (PostgreSQL 15: 23503, 18: 23001) to a foreign key violation', () => {
    expect(toAppError(driverError('23503')).code).toBe(ErrorCode.ForeignKeyViolation);
    expect(toAppError(driverError('23001')).code).toBe(ErrorCode.ForeignKeyViolation);
  });

  it("maps VetDesk's own trigger states", () => {
    expect(toAppError(driverError('VD001')).code).toBe(ErrorCode.RecordFinal);
    expect(toAppError(driverError('VD002')).code).toBe(ErrorCode.BillLocked);
    expect(toAppError(driverError('VD010')).code).toBe(ErrorCode.AuditAppendOnly);
  });

  it('marks connection failures and serialization failures as retryable', () => {
    expect(toAppError(driverError('ECONNREFUSED')).retryable).toBe(true);
    expect(toAppError(driverError('08006')).retryable).toBe(true);
    expect(toAppError(driverError('40001')).retryable).toBe(true);
    expect(toAppError(driverError('23514')).retryable).toBe(false);
  });

  it('passes AppErrors through and wraps anything else as INTERNAL', () => {
    const original = new AppError(ErrorCode.NotFound, 'x');
    expect(toAppError(original)).toBe(original);
    expect(toAppError(new Error('weird')).code).toBe(ErrorCode.Internal);
  });
});
