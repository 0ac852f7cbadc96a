-- purpose: in-migration from the rest of Germany (NRW and other states, not abroad, not within
--          the region) of given age groups per town and year: the outcome of campaign analyses
--          (abroad is left out, so refugee reception years do not swamp it)
-- grain: one row per ags × year with any such move
-- params: $age_groups (list), $year_from, $year_to
select ags, year(month) as year, sum(persons)::bigint as persons
from registration
where direction = 'in'
  and origin in ('nrw', 'de')
  and age_group = any($age_groups)
  and month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
group by all
order by ags, year
