-- purpose: which months each town has register data for (the data-quality panel's gaps)
-- grain: one row per ags × month with any registration row
-- params: none
select ags, month, count(*) as rows, sum(persons)::bigint as persons
from registration
group by all
order by ags, month
