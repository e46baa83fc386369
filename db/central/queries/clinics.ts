import type { SqlExecutor } from '../connection.js';

/** A clinic as the server CLIs name it. */
export interface ClinicName {
  id: string;
  name: string | null;
}

/** Every clinic, oldest first. A practice has one or a few, so no paging. */
export async function listClinics(db: SqlExecutor): Promise<ClinicName[]> {
  const { rows } = await db.query<ClinicName>('select id, name from clinics order by created_at, id');
  return rows;
}

/** Creates a clinic (the first one of a new installation). */
export async function insertClinic(tx: SqlExecutor, name: string | null): Promise<ClinicName> {
  const { rows } = await tx.query<ClinicName>(`insert into clinics (name) values ($1) returning id, name`, [name]);
  return rows[0]!;
}
