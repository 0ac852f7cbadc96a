-- 004: registration without its six-column primary key. Uniqueness is guaranteed by every import
-- (duplicate keys in a delivery are refused; a re-delivered town-month replaces the old rows), so
-- the index only cost memory and disk: at Germany scale (36 million rows) it made the file 6.4 GB
-- and the import slow. Rows are kept in (ags, month) order, so DuckDB's zone maps skip the
-- blocks of other towns and periods.
create table registration_sorted (
    ags        char(8) not null,
    month      date not null,
    direction  varchar not null check (direction in ('in', 'out')),
    age_group  varchar not null check (age_group in ('0-17', '18-24', '25-29', '30-49', '50-64', '65+')),
    sex        varchar not null check (sex in ('m', 'f', 'd')),
    origin     varchar not null check (origin in ('swf', 'nrw', 'de', 'abroad')),
    persons    integer not null check (persons >= 0),
    import_id  integer not null
);
insert into registration_sorted select * from registration order by ags, month;
drop table registration;
alter table registration_sorted rename to registration;
