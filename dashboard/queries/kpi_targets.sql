-- purpose: the goals leadership set per KPI, scope and year, with whether they are demo rows
-- grain: one row per kpi × scope × year
-- params: none
select t.kpi, t.scope, t.year, t.value, coalesce(l.is_demo, false) as is_demo
from kpi_target t
left join import_log l using (import_id)
order by t.kpi, t.scope, t.year
