-- purpose: which towns each import of migration data delivered (towns missing from a delivery)
-- grain: one row per import_id × ags
-- params: none
select import_id, ags from registration group by all
union
select import_id, ags from registration_year group by all
order by import_id, ags
