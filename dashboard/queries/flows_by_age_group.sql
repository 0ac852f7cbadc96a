-- purpose: Zuzüge and Fortzüge of the selected towns by age group (the INKAR target groups)
-- grain: one row per year × direction × age_group × origin
-- params: $year_from, $year_to, $months, $ags (list)
with selected as (
    select year(month) as year, direction, age_group, origin, persons
    from registration
    where month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(month) = any($months)
      and ags = any($ags)
),

final as (
    select year, direction, age_group, origin, sum(persons)::bigint as persons
    from selected
    group by all
)

select * from final order by year, direction, age_group, origin
