-- Indexes still recorded here are created when the replica opens, before any migration runs.
drop table deferred_indexes;
-- Back to the prefix indexes of 0003 ('2 3 4'), rebuilt from search_docs.
drop trigger search_docs_au;
drop trigger search_docs_ad;
drop trigger search_docs_ai;
drop table search_fts;
create virtual table search_fts using fts5(
  title, body,
  content = 'search_docs', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4'
);
create trigger search_docs_ai after insert on search_docs begin
  insert into search_fts (rowid, title, body) values (new.rowid, new.title, new.body);
end;
create trigger search_docs_ad after delete on search_docs begin
  insert into search_fts (search_fts, rowid, title, body) values ('delete', old.rowid, old.title, old.body);
end;
create trigger search_docs_au after update on search_docs begin
  insert into search_fts (search_fts, rowid, title, body) values ('delete', old.rowid, old.title, old.body);
  insert into search_fts (rowid, title, body) values (new.rowid, new.title, new.body);
end;
insert into search_fts (search_fts) values ('rebuild');
