import type { SqlExecutor } from '../connection.js';

/**
 * Cluster-level roles are not part of a database's dump, yet the dump grants to them. The only
 * one VetDesk defines is the NOLOGIN group role `vetdesk_app` (migration 0014): it has no
 * password and no attributes, so creating it again by name is all a fresh cluster needs, and
 * needs neither superuser rights to read other roles (as `pg_dumpall --roles-only` would) nor
 * carries the deployment's login roles and passwords into the backup file. The same idempotent
 * statement as 0014's, since several restores may race on one cluster.
 */
const ENSURE_APP_ROLE = `do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vetdesk_app') then
    create role vetdesk_app nologin;
  end if;
exception when duplicate_object or unique_violation then
  null;
end
$$`;

/**
 * Creates the roles a VetDesk database grants to, where missing.
 * @throws the database's error (42501) when they are missing and the role connected may not
 *   create roles (CREATEROLE): create `vetdesk_app` as a superuser first.
 */
export async function ensureAppRoles(db: SqlExecutor): Promise<void> {
  await db.exec(ENSURE_APP_ROLE);
}

/** Whether role `name` exists on the cluster `db` is connected to. */
export async function roleExists(db: SqlExecutor, name: string): Promise<boolean> {
  const { rows } = await db.query('select 1 from pg_roles where rolname = $1', [name]);
  return rows.length > 0;
}
