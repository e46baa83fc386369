import type { ClinicRow } from '../../../core/api/views.js';
import type { LocalReplica } from '../../../db/local/replica.js';
import { decodeRow } from '../../../db/local/row-codec.js';

/**
 * The clinic of the staff member signed in on this workstation, as the replica holds it.
 * A replica normally holds one practice's clinic; when the staff row has not arrived yet (or
 * names no clinic) the first clinic by id is used so the header and time zone still follow
 * the practice. Returns null while the replica holds no clinic at all (before the first sync).
 * Never throws for missing data.
 */
export function currentClinic(replica: LocalReplica, staffId: string): ClinicRow | null {
  const raw = replica.db
    .prepare(
      `select c.* from clinics c
         left join staff s on s.id = ? and s.clinic_id = c.id
        order by s.id is null, c.id
        limit 1`,
    )
    .get(staffId) as Record<string, unknown> | undefined;
  return raw ? (decodeRow('clinics', raw) as ClinicRow) : null;
}
