-- purpose: monthly Zuzüge and Fortzüge of the selected towns, by origin
-- grain: one row per month × direction × origin
-- params: $year_from, $year_to, $months, $age_groups, $ags (list)
with selected as (
    select month, direction, origin, persons
    from registration
    where month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(month) = any($months)
      and age_group = any($age_groups)
      and ags = any($ags)
),

final as (
    select month, direction, origin, sum(persons)::bigint as persons
    from selected
    group by all
)

select * from final order by month, direction, origin
