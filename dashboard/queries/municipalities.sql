-- purpose: the 59 municipalities with their reference facts
-- grain: one row per ags
-- params: none
select ags, official_name, name, district, kind, area_km2, lat, lon, is_geo_estimate
from municipality
order by ags
