-- purpose: Zuzüge and Fortzüge per town and year for the selected months and age groups
-- grain: one row per ags × year × direction × origin
-- params: $year_from, $year_to, $months (list of 1..12), $age_groups (list)
with selected as (
    select ags, year(month) as year, direction, origin, persons
    from registration
    where month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(month) = any($months)
      and age_group = any($age_groups)
),

final as (
    select ags, year, direction, origin, sum(persons)::bigint as persons
    from selected
    group by all
)

select * from final order by ags, year, direction, origin
