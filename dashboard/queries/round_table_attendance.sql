-- purpose: which towns attended which round-table edition
-- grain: one row per edition × ags
-- params: none
select edition, ags
from round_table_attendance
order by edition, ags
