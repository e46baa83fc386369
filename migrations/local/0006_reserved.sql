-- Placeholder: number 0006 is reserved for a migration of a parallel branch (refetch). Local
-- migration numbers must not skip; at merge this file gives way to that branch's 0006.
select 1;
