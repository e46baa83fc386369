/** One weighing: when (the record's visit, an instant) and how much (kg, a decimal string). */
export interface WeightPoint {
  at: string;
  kg: string;
}

/** The patient's current weight and where it comes from: a visit's record, or the patient's details. */
export interface CurrentWeight {
  kg: string;
  /** The visit it was measured at; null when it is the weight on the patient's details. */
  at: string | null;
}

/** The fields of a medical record the weight curve reads. */
interface WeighedRecord {
  id: string;
  visit_at: string;
  weight_kg: string | null;
}

/** An instant as the replica stores it ('2026-11-02 09:30:00+00') or as ISO; unreadable sorts first. */
function instant(at: string): number {
  const time = Date.parse(at);
  return Number.isFinite(time) ? time : 0;
}

/**
 * A patient's weights over time, oldest first: every live medical record with a weight, drafts
 * included (a weight is measured at the visit, whether or not the vet has finalised the notes
 * yet), ordered by visit time, then by id so that two records of one visit keep one order.
 * Callers pass live (not soft-deleted) records only.
 */
export function weightSeries(records: readonly WeighedRecord[]): WeightPoint[] {
  return records
    .filter((record): record is WeighedRecord & { weight_kg: string } => record.weight_kg !== null)
    .map((record) => ({ record, time: instant(record.visit_at) }))
    .sort((a, b) => a.time - b.time || (a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0))
    .map(({ record }) => ({ at: record.visit_at, kg: record.weight_kg }));
}

/**
 * The patient's current weight, the one rule the chart's header and its weight curve share: the
 * latest point of `weightSeries` (the weight of the latest visit that recorded one, draft or
 * final), else the weight typed on the patient's details (`patients.weight_kg`, from their
 * registration), else null. The curve's last point is therefore always the header's weight.
 */
export function currentWeight(series: readonly WeightPoint[], patientKg: string | null): CurrentWeight | null {
  const latest = series.at(-1);
  if (latest) return { kg: latest.kg, at: latest.at };
  return patientKg === null ? null : { kg: patientKg, at: null };
}
