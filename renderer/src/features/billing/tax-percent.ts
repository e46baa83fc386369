/** Staff think of tax as a percentage; bills store it as a fraction with 4 decimals. */

/** '21' or '5.5' -> '0.2100' / '0.0550' (at most 2 decimals, already validated). */
export function percentToRate(percent: string): string {
  const hundredths = Math.round(Number(percent) * 100);
  return (hundredths / 10_000).toFixed(4);
}

/** '0.2100' -> '21', '0.0550' -> '5.5'. */
export function rateToPercent(rate: string | null): string {
  if (rate === null) return '0';
  return String(Math.round(Number(rate) * 10_000) / 100);
}
