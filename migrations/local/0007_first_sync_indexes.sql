-- One-letter prefixes from their own index. FTS5 answers a prefix query of a length it has a
-- prefix index for from one posting list; without one ('2 3 4') a one-letter prefix merged the
-- lists of every term starting with that letter: 2-9 ms over 260k documents. A four-letter
-- prefix matches few terms, so its index bought little: '1 2 3' writes as many prefix entries
-- per token as '2 3 4' did. Rebuilt from search_docs, which stay as they are.
drop trigger search_docs_au;
drop trigger search_docs_ad;
drop trigger search_docs_ai;
drop table search_fts;
create virtual table search_fts using fts5(
  title, body,
  content = 'search_docs', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
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

-- Secondary indexes of server truth waiting for their table's first snapshot to complete
-- (db/local/deferred-indexes.ts): dropped and recorded in one transaction, created and
-- forgotten in another, and any still recorded are created when the replica opens.
create table deferred_indexes (
  name text primary key,
  table_name text not null,
  sql text not null
);
