-- 011: the last import id, in one row that every import's transaction updates: on DuckLake, where
-- many processes write at once and no key guards import_log, two imports at once then conflict
-- when the second commits, and it is tried again with the next id
create table import_counter (last_import_id integer not null);
insert into import_counter select coalesce(max(import_id), 0) from import_log;
