import { describe, expect, it } from 'vitest';
import { formatWeight, weightAxis, weightUnit } from '../../../renderer/src/features/patients/weight-scale.js';

/** The labels the chart prints: every tick with the axis' decimals. */
const labels = (low: number, high: number, unit: 'g' | 'kg') => {
  const axis = weightAxis(low, high, unit);
  return axis.ticks.map((tick) => tick.toFixed(axis.decimals));
};

describe('the weight curve axis', () => {
  it('reads a budgie in grams, with distinct ticks around its weight', () => {
    expect(weightUnit([0.035, 0.033, 0.036])).toBe('g');
    expect(labels(35, 35, 'g')).toEqual(['32', '34', '36']);
    expect(labels(33, 36, 'g')).toEqual(['32', '34', '36', '38']);
  });

  it('reads a dog in kilograms with whole or tenth-kilogram steps', () => {
    expect(weightUnit([24.3, 25.1])).toBe('kg');
    expect(labels(24.3, 25.1, 'kg')).toEqual(['23', '24', '25', '26']);
    expect(labels(4.2, 4.35, 'kg')).toEqual(['4.0', '4.2', '4.4', '4.6']);
    expect(labels(500, 500, 'kg')).toEqual(['480', '500', '520']);
  });

  it('spans a growing puppy from zero, never below it', () => {
    expect(weightUnit([0.4, 12])).toBe('kg');
    expect(labels(0.4, 12, 'kg')).toEqual(['0', '5', '10', '15']);
    expect(weightUnit([0.1, 0.9])).toBe('g');
    expect(labels(100, 900, 'g')).toEqual(['0', '200', '400', '600', '800', '1000']);
  });

  it('always has at least three distinct labels that cover the data', () => {
    for (const [low, high, unit] of [
      [35, 35, 'g'],
      [1, 1, 'g'],
      [0.001, 0.001, 'kg'],
      [1.2, 1.25, 'kg'],
      [3, 3.001, 'kg'],
      [12.35, 12.35, 'kg'],
      [1999, 2000, 'kg'],
    ] as const) {
      const axis = weightAxis(low, high, unit);
      const shown = labels(low, high, unit);
      expect(new Set(shown).size, `${low}..${high} ${unit}: ${shown.join(' / ')}`).toBe(shown.length);
      expect(shown.length).toBeGreaterThanOrEqual(3);
      expect(axis.min).toBeLessThanOrEqual(low);
      expect(axis.max).toBeGreaterThanOrEqual(high);
      expect(axis.min).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('formatWeight', () => {
  it('shows grams whole and kilograms without needless zeros', () => {
    expect(formatWeight('0.035', 'g')).toBe('35 g');
    expect(formatWeight('0.900', 'g')).toBe('900 g');
    expect(formatWeight('12.350', 'kg')).toBe('12.35 kg');
    expect(formatWeight('25.000', 'kg')).toBe('25 kg');
    expect(formatWeight('7', 'kg')).toBe('7 kg');
  });
});
