/**
 * How the chart and the patient header show weights: the unit a vet reads at the animal's scale
 * and the weight curve's axis ticks. Pure, so the tick rule is unit-tested.
 */

/** Grams for animals under a kilogram (a budgie reads 35 g), kilograms otherwise. */
export type WeightUnit = 'g' | 'kg';

/**
 * The unit of one patient's weights, decided on the heaviest of them so that the header and the
 * curve speak one unit: grams when every weight is below 1 kg, kilograms otherwise.
 */
export function weightUnit(kgs: readonly number[]): WeightUnit {
  const heaviest = Math.max(0, ...kgs.filter(Number.isFinite));
  return heaviest > 0 && heaviest < 1 ? 'g' : 'kg';
}

/** A weight in kg as a number in `unit`: grams are whole (weights have at most 3 decimals of kg). */
export function inUnit(kg: number, unit: WeightUnit): number {
  return unit === 'g' ? Math.round(kg * 1000) : kg;
}

/** A weight (kg, a decimal string) in `unit`, without needless zeros: "35 g", "12.35 kg". */
export function formatWeight(kg: string, unit: WeightUnit): string {
  const value = Number(kg);
  if (!Number.isFinite(value)) return `${kg} kg`;
  if (unit === 'g') return `${inUnit(value, 'g')} g`;
  const text = kg.includes('.') ? kg.replace(/\.?0+$/, '') : kg;
  return `${text} kg`;
}

/** An axis: its bounds and ticks in the display unit, and the decimals every tick label shows. */
export interface WeightAxis {
  min: number;
  max: number;
  ticks: number[];
  decimals: number;
}

/** 1, 2 or 5 times a power of ten, near a quarter of `span`: four or so intervals. */
function niceStep(span: number): number {
  const rough = span / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * The y axis of a weight curve whose values (in the display unit) run from `low` to `high`.
 * The step is 1, 2 or 5 times a power of ten, spanning at least a tenth of the heaviest value
 * (so a steady weight is not magnified into noise) and at least 5 g or 0.5 kg; the bounds are
 * multiples of the step with room of half a step around the data, never below zero, and at least
 * two intervals. Tick labels show as many decimals as the step needs, so every label differs.
 */
export function weightAxis(low: number, high: number, unit: WeightUnit): WeightAxis {
  const minimumSpan = unit === 'g' ? 5 : 0.5;
  const step = niceStep(Math.max(high - low, Math.abs(high) * 0.1, minimumSpan));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const round = (value: number) => Number(value.toFixed(decimals));
  let min = Math.max(0, Math.floor((low - step / 2) / step) * step);
  let max = Math.ceil((high + step / 2) / step) * step;
  while ((max - min) / step < 2 - 1e-9) {
    if (min - step >= 0) min -= step;
    else max += step;
  }
  min = round(min);
  max = round(max);
  const count = Math.round((max - min) / step);
  const ticks = Array.from({ length: count + 1 }, (_, index) => round(min + index * step));
  return { min, max, ticks, decimals };
}
