drop index refetch_covers_mutation_idx;
drop table refetch_covers;
drop table shape_visibility;
