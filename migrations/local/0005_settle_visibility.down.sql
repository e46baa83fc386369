drop table refetch_covers;
drop table shape_visibility;
