import { describe, expect, it } from 'vitest';
import { currentWeight, weightSeries } from '../../../core/domain/weight.js';

const record = (id: string, visitAt: string, kg: string | null) => ({ id, visit_at: visitAt, weight_kg: kg });

describe("the patient's current weight", () => {
  it('is the weight of the latest visit that recorded one, drafts included, by visit time', () => {
    const series = weightSeries([
      record('c', '2026-11-20 10:00:00+00', null),
      record('b', '2026-10-01T09:00:00.000Z', '0.034'),
      record('a', '2026-11-02 09:30:00.000+00', '0.036'),
      record('d', '2026-03-15 09:00:00+00', '0.031'),
    ]);
    expect(series.map((point) => point.kg)).toEqual(['0.031', '0.034', '0.036']);
    expect(currentWeight(series, '0.050')).toEqual({ kg: '0.036', at: '2026-11-02 09:30:00.000+00' });
  });

  it('orders two records of one visit by id, so the last point is stable', () => {
    const at = '2026-11-02 09:30:00+00';
    const series = weightSeries([record('b', at, '4.2'), record('a', at, '4.1')]);
    expect(series.map((point) => point.kg)).toEqual(['4.1', '4.2']);
    expect(currentWeight(series, null)?.kg).toBe('4.2');
  });

  it("falls back to the patient's own weight, then to none", () => {
    expect(currentWeight([], '12.500')).toEqual({ kg: '12.500', at: null });
    expect(currentWeight([], null)).toBeNull();
  });
});
