-- purpose: the stored official boundaries and the attribution of the import that delivered them
-- grain: one row per municipality with a boundary
-- params: none
select b.ags, b.geometry, l.copyright as attribution
from boundary b
left join import_log l using (import_id)
order by b.ags
