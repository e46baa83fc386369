import { describe, expect, it } from 'vitest';
import { deceasedOnProblem } from '../../../renderer/src/features/patients/deceased-on.js';

describe('deceasedOnProblem', () => {
  it('takes a day from the birth date to today, as the server does', () => {
    expect(deceasedOnProblem('2026-11-22', '2020-01-01', '2026-11-22')).toBeNull();
    expect(deceasedOnProblem('2020-01-01', '2020-01-01', '2026-11-22')).toBeNull();
    expect(deceasedOnProblem('2026-11-01', null, '2026-11-22')).toBeNull();
    expect(deceasedOnProblem('2026-11-23', null, '2026-11-22')).toBe('Cannot be in the future');
    expect(deceasedOnProblem('2019-12-31', '2020-01-01', '2026-11-22')).toBe('Cannot be before its birth date');
    expect(deceasedOnProblem('', null, '2026-11-22')).toBe('Enter the day it died');
  });
});
