-- purpose: in-migration from the rest of Germany (NRW and other states, not abroad, not within
--          the region) of given age groups per town and year: the outcome of campaign analyses
--          (abroad is left out, so refugee reception years do not swamp it)
-- grain: one row per ags × year with any such move
-- params: $age_groups (list), $year_from, $year_to
select ags, year, sum(persons)::bigint as persons
from registration_by_year
where direction = 'in'
  and origin in ('nrw', 'de')
  and age_group = any($age_groups)
  and year between $year_from and $year_to
group by all
order by ags, year
