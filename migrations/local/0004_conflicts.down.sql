drop view conflicts;
drop table ovl_conflicts;
drop table srv_conflicts;
