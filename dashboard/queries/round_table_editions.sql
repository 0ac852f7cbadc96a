-- purpose: the round-table editions with host, format, participants and demo flag
-- grain: one row per edition
-- params: none
select r.edition, r.date, r.host_ags, r.format, r.participants, coalesce(l.is_demo, false) as is_demo
from round_table r
left join import_log l using (import_id)
order by r.edition
