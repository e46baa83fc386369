import { describe, expect, it } from 'vitest';
import { ageText } from '../../../renderer/src/features/patients/age.js';

describe('ageText', () => {
  it('says days, months, then years and months the way staff do', () => {
    expect(ageText('2026-11-01', '2026-11-22')).toBe('21 days');
    expect(ageText('2026-11-21', '2026-11-22')).toBe('1 day');
    expect(ageText('2026-03-22', '2026-11-22')).toBe('8 months');
    expect(ageText('2026-03-23', '2026-11-22')).toBe('7 months');
    expect(ageText('2023-09-10', '2026-11-22')).toBe('3 y 2 m');
    expect(ageText('2014-01-01', '2026-11-22')).toBe('12 years');
  });

  it('counts across a month end and a leap day by calendar days', () => {
    expect(ageText('2028-02-10', '2028-03-01')).toBe('20 days');
  });

  it('shows a dash for unknown or future birth dates', () => {
    expect(ageText(null, '2026-11-22')).toBe('—');
    expect(ageText('2026-11-23', '2026-11-22')).toBe('—');
    expect(ageText('2027-01-01', '2026-11-22')).toBe('—');
  });
});
