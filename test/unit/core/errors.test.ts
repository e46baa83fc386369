import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode, isRetryable, validationError } from '../../../core/errors.js';

describe('AppError', () => {
  it('travels as { code, message, details } and comes back equal', () => {
    const error = new AppError(ErrorCode.UniqueViolation, 'E-mail already registered', { field: 'email' });
    const wire = JSON.parse(JSON.stringify(error.toWire())) as unknown;
    expect(wire).toEqual({
      code: 'UNIQUE_VIOLATION',
      message: 'E-mail already registered',
      details: { field: 'email' },
    });
    const back = AppError.fromWire(wire);
    expect(back).toBeInstanceOf(AppError);
    expect([back.code, back.message, back.details]).toEqual([error.code, error.message, error.details]);
  });

  it('omits empty details on the wire', () => {
    expect(new AppError(ErrorCode.NotFound, 'gone').toWire()).toEqual({ code: 'NOT_FOUND', message: 'gone' });
  });

  it('refuses to rebuild from an unknown code', () => {
    expect(() => AppError.fromWire({ code: 'MADE_UP', message: 'x' })).toThrow();
  });

  it('treats only transient database failures as retryable', () => {
    expect(isRetryable(ErrorCode.DatabaseUnavailable)).toBe(true);
    expect(isRetryable(ErrorCode.TransactionConflict)).toBe(true);
    expect(validationError('bad').retryable).toBe(false);
    expect(isRetryable(ErrorCode.BillLocked)).toBe(false);
  });
});
