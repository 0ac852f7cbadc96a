-- purpose: moves from place to place, summed over the chosen years (and months: a delivery with
--          years only counts where all twelve months are chosen), per origin, destination and age band
-- grain: one row per from_code × to_code × age_group
-- params: $year_from, $year_to, $months (list of 1..12), $age_groups (list)
select f.from_code, f.to_code, f.age_group,
       sum(f.persons)::bigint as persons,
       bool_or(coalesce(l.is_demo, false)) as is_demo
from flow f
left join import_log l using (import_id)
where f.year between $year_from and $year_to
  and f.age_group = any($age_groups)
  and (case when f.month is null then len($months) = 12 else month(f.month) = any($months) end)
group by all
order by persons desc, f.from_code, f.to_code, f.age_group
