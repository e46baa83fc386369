drop trigger search_docs_au;
drop trigger search_docs_ad;
drop trigger search_docs_ai;
drop table search_fts;
drop table search_docs;
