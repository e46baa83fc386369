-- Placeholder (see 0006_reserved.sql).
select 1;
