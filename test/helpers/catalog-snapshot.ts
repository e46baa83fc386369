import type { SqlExecutor } from '../../db/central/connection.js';

/**
 * Everything VetDesk's migrations can create, as sorted lines: schemas, relations, columns,
 * constraints, indexes, triggers, functions (with their security and settings), enum labels and
 * privileges (granted and default) outside the system schemas. ACLs are compared sorted and with
 * an absent ACL spelled out as its default, so revoking and re-granting reads as unchanged.
 * Two databases with the same snapshot have the same schema. The migration tracking table is
 * left out: it belongs to the runner, not to any migration.
 */
export async function catalogSnapshot(db: SqlExecutor): Promise<string[]> {
  const { rows } = await db.query<{ line: string }>(`
    with ns as (
      select oid, nspname from pg_namespace
       where nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and nspname not like 'pg_temp%'
         and nspname not like 'pg_toast_temp%'
    ), rel as (
      select c.oid, ns.nspname || '.' || c.relname as name, c.relkind
        from pg_class c join ns on ns.oid = c.relnamespace
       where c.relname <> 'vetdesk_migrations' and c.relname <> 'vetdesk_migrations_pkey'
    )
    select 'schema ' || nspname as line from ns where nspname <> 'public'
    union all select 'relation ' || name || ' ' || relkind::text from rel
    union all
    select 'column ' || rel.name || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || case when a.attnotnull then ' not null' else '' end
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
      from rel join pg_attribute a on a.attrelid = rel.oid and a.attnum > 0 and not a.attisdropped
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where rel.relkind in ('r', 'v')
    union all
    select 'constraint ' || rel.name || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
      from pg_constraint con join rel on rel.oid = con.conrelid
    union all
    select 'index ' || pg_get_indexdef(i.indexrelid) from pg_index i join rel on rel.oid = i.indrelid
    union all
    select 'trigger ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
      from pg_trigger t join rel on rel.oid = t.tgrelid where not t.tgisinternal
    union all
    select 'function ' || ns.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') '
           || md5(p.prosrc) || case when p.prosecdef then ' security definer' else '' end
           || coalesce(' set ' || array_to_string(p.proconfig, ','), '')
           || ' acl ' || array(select unnest(coalesce(p.proacl, acldefault('f', p.proowner)))::text order by 1)::text
      from pg_proc p join ns on ns.oid = p.pronamespace
    union all
    select 'acl schema ' || nspname || ' '
           || array(select unnest(coalesce(n.nspacl, acldefault('n', n.nspowner)))::text order by 1)::text
      from pg_namespace n where n.oid in (select oid from ns)
    union all
    select 'acl relation ' || rel.name || ' '
           || array(select unnest(coalesce(c.relacl, acldefault('r', c.relowner)))::text order by 1)::text
      from rel join pg_class c on c.oid = rel.oid
    union all
    select 'default acl ' || d.defaclnamespace::regnamespace::text || ' ' || d.defaclobjtype::text || ' '
           || array(select unnest(d.defaclacl)::text order by 1)::text
      from pg_default_acl d
    union all
    select 'enum ' || t.typname || ' ' || string_agg(e.enumlabel::text, ',' order by e.enumsortorder)
      from pg_type t join pg_enum e on e.enumtypid = t.oid join ns on ns.oid = t.typnamespace
     group by t.typname
    order by 1`);
  return rows.map((row) => row.line);
}
