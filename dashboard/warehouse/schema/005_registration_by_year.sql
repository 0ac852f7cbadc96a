-- 005: the yearly rollup of the register data. Every KPI over whole years (the default choice of
-- months) reads these town-year sums instead of the monthly rows: at Germany scale that is about
-- 5 million rows instead of 36 million. Sex is summed away (no KPI splits by it). Kept in step by
-- every write to `registration`, in the same transaction (dashboard/warehouse/rollup.py).
create table registration_by_year (
    ags        char(8) not null,
    year       integer not null,
    direction  varchar not null,
    age_group  varchar not null,
    origin     varchar not null,
    persons    bigint not null
);
insert into registration_by_year
select ags, year(month) as year, direction, age_group, origin, sum(persons)
from registration
group by all
order by year, ags;
