import { describe, expect, it } from 'vitest';
import { formatQuantity } from '../../../renderer/src/ui/format.js';

describe('formatQuantity', () => {
  it('drops the zeros the central database pads quantities with', () => {
    expect(formatQuantity('1.000')).toBe('1');
    expect(formatQuantity('2.500')).toBe('2.5');
    expect(formatQuantity('0.125')).toBe('0.125');
    expect(formatQuantity('10.000')).toBe('10');
    expect(formatQuantity('100')).toBe('100');
    expect(formatQuantity('0.000')).toBe('0');
  });

  it('keeps the value exact, without leading zeros or a negative zero', () => {
    expect(formatQuantity('12345678901.001')).toBe('12345678901.001');
    expect(formatQuantity('007.50')).toBe('7.5');
    expect(formatQuantity('-2.50')).toBe('-2.5');
    expect(formatQuantity('-0.000')).toBe('0');
  });

  it('shows text that is not a plain decimal as it is', () => {
    expect(formatQuantity('two')).toBe('two');
    expect(formatQuantity('1e3')).toBe('1e3');
    expect(formatQuantity('')).toBe('');
  });
});
