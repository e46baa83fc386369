/** A decimal weight without the database's trailing zeros: "12.350" reads "12.35". */
export function formatKg(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}
