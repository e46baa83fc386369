import type { AuditedTable } from '../../../core/api/audit.js';
import type { SqlExecutor } from '../connection.js';

/**
 * Whether the record `table`/`id` belongs to another clinic than `clinicId`. Clinics, staff and
 * devices say so themselves (their id or `clinic_id`); the practice's records carry no clinic,
 * so for them the audit trail decides: a record changed by staff or a device of another clinic
 * is that clinic's. A record nobody of another clinic ever touched (or without history) is not
 * another clinic's.
 */
export async function belongsToOtherClinic(
  db: SqlExecutor,
  table: AuditedTable,
  id: string,
  clinicId: string | null,
): Promise<boolean> {
  const { rows } = await db.query<{ other: boolean }>(
    `select
       case $1::text
         when 'clinics' then $2::uuid is distinct from $3::uuid
         when 'staff' then exists (select 1 from staff where id = $2 and clinic_id is distinct from $3::uuid)
         when 'devices' then exists (select 1 from devices where id = $2 and clinic_id is distinct from $3::uuid)
         else false
       end
       or exists (
         select 1 from audit.entity_changes e
           left join staff s on s.id = e.changed_by
           left join devices d on d.id = e.device_id
          where e.table_name = $1 and e.entity_id = $2
            and ((e.changed_by is not null and s.clinic_id is distinct from $3::uuid)
              or (e.device_id is not null and d.clinic_id is distinct from $3::uuid))
       ) as other`,
    [table, id, clinicId],
  );
  return rows[0]?.other ?? false;
}
