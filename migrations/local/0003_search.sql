-- Full-text search over owners and patients as staff see them (the overlay included).
-- search_docs holds one document per visible owner or patient; search_fts indexes it
-- (external content: the triggers below keep the index in step with the documents).
create table search_docs (
  rowid integer primary key,
  entity_key text not null unique,
  kind text not null check (kind in ('owner', 'patient')),
  entity_id text not null,
  title text not null,
  subtitle text,
  body text not null
);
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
