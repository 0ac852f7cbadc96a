-- purpose: inhabitants per town and year (31.12.), with whether the figure is an estimate or demo
-- grain: one row per ags × year
-- params: none
select p.ags, p.year, p.persons, p.is_estimate, coalesce(l.is_demo, false) as is_demo
from population p
left join import_log l using (import_id)
order by p.ags, p.year
