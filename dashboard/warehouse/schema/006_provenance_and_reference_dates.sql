-- 006: where figures come from, and the date a population figure is for.
-- * import_log.is_official: a delivery of official statistics (GENESIS tables, the Zensus 2022
--   populations, BKG boundaries), so every data set × year can be told official, own or demo.
-- * population.reference_date: a census counts on 15.05.2022, some tables give 30.06.; the rates
--   per 1,000 want 31.12. and say so when they take another date. One row per town and date.
-- * registration_by_year.is_demo: whether a town-year of the register rests on demo rows, so the
--   yearly views can mark it without reading the monthly rows.
alter table import_log add column is_official boolean default false;
update import_log set is_official = true where table_code is not null;

create table population_dated (
    ags             char(8) not null,
    year            integer not null,
    reference_date  date not null,
    persons         integer not null check (persons >= 0),
    is_estimate     boolean not null,
    import_id       integer not null,
    primary key (ags, reference_date),
    check (year(reference_date) = year)
);
insert into population_dated
select ags, year, make_date(year, 12, 31), persons, is_estimate, import_id from population;
drop table population;
alter table population_dated rename to population;

drop table registration_by_year;
create table registration_by_year (
    ags        char(8) not null,
    year       integer not null,
    direction  varchar not null,
    age_group  varchar not null,
    origin     varchar not null,
    is_demo    boolean not null,
    persons    bigint not null
);
insert into registration_by_year
select r.ags, year(r.month) as year, r.direction, r.age_group, r.origin, coalesce(l.is_demo, false), sum(r.persons)
from registration r
left join import_log l using (import_id)
group by all
order by year, ags;
