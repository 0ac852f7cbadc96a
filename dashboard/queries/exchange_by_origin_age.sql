-- purpose: the region's exchange with the outside: Zuzüge by origin and Fortzüge by destination
--          (the rest of NRW, the rest of Germany, abroad) per age band, summed over all 59 towns
--          from the register (official annual tables do not split origin by age); the yearly
--          rollup where all months are chosen, the months otherwise
-- grain: one row per origin × age_group × direction
-- params: $year_from, $year_to, $months (list of 1..12), $age_groups (list)
with moves as (
    select r.origin, r.age_group, r.direction, r.persons, r.is_demo
    from registration_by_year r
    where len($months) = 12 and r.year between $year_from and $year_to
    union all
    select r.origin, r.age_group, r.direction, r.persons, coalesce(l.is_demo, false)
    from registration r
    left join import_log l using (import_id)
    where len($months) < 12
      and r.month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(r.month) = any($months)
)

select origin, age_group, direction, sum(persons)::bigint as persons, bool_or(is_demo) as is_demo
from moves
where origin <> 'swf' and age_group = any($age_groups)
group by all
order by origin, age_group, direction
