-- purpose: Zuzüge and Fortzüge of the selected towns by month, age group and origin
--          (feeds the monthly trend, the target groups and the origin charts)
-- grain: one row per month × direction × age_group × origin
-- params: $year_from, $year_to, $months (list of 1..12), $ags (list), $all_towns (true when the
--         selection is the whole region: then no town filter at all and $ags is not read; at
--         Germany scale that is about twice as fast as testing each row against 10,800 codes)
with selected as (
    select month, direction, age_group, origin, persons
    from registration
    where month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and (len($months) = 12 or month(month) = any($months))
      and ($all_towns or ags in (select unnest($ags)))
),

final as (
    select month, year(month) as year, direction, age_group, origin, sum(persons)::bigint as persons
    from selected
    group by all
)

select * from final order by month, direction, age_group, origin
