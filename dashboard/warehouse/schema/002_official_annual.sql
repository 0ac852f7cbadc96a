-- 002: official annual migration figures (GENESIS 12711 tables) kept at the grain delivered: per
-- year, never spread over months; a marker (".", "x", "...", "/") keeps why a number is missing
create table registration_year (
    ags        char(8) not null,
    year       integer not null,
    direction  varchar not null check (direction in ('in', 'out')),
    age_group  varchar not null,   -- one of the six bands, or 'total'
    sex        varchar not null,   -- 'm', 'f' or 'total'
    origin     varchar not null,   -- 'total' (all moves across the municipal border), 'de', 'abroad'
    persons    bigint check (persons >= 0),
    marker     varchar,
    import_id  integer,
    primary key (ags, year, direction, age_group, sex, origin)
);

-- which official table a delivery came from, and its copyright line
alter table import_log add column table_code varchar;
alter table import_log add column copyright varchar;
