-- purpose: the base table of every migration KPI: flows per town and year, the part of them within
--          the region (origin 'swf'), and inhabitants (31.12.; the nearest year with a figure where
--          the year itself has none, then flagged as estimate)
-- grain: one row per municipality × year from $year_from to $year_to (0 where nothing moved)
-- params: $year_from, $year_to, $months (list of 1..12), $age_groups (list)
with grid as (
    select m.ags, y.year
    from municipality m
    cross join (select unnest(range($year_from, $year_to + 1)) as year) y
),

moves as (
    -- whole years come from the yearly rollup; a choice of months needs the monthly rows
    -- (only one branch reads anything: the other's condition on $months is false)
    select ags, year, direction, origin, persons
    from registration_by_year
    where len($months) = 12
      and year between $year_from and $year_to
      and age_group = any($age_groups)
    union all
    select ags, year(month), direction, origin, persons
    from registration
    where len($months) < 12
      and month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(month) = any($months)
      and age_group = any($age_groups)
),

flows as (
    select ags, year,
           sum(persons) filter (where direction = 'in') as inflow,
           sum(persons) filter (where direction = 'out') as outflow,
           sum(persons) filter (where direction = 'in' and origin = 'swf') as within_inflow,
           sum(persons) filter (where direction = 'out' and origin = 'swf') as within_outflow
    from moves
    group by all
),

official as (
    -- official annual figures (GENESIS, table registration_year) take the place of the monthly
    -- sums of their town-years; having no months, they count only when whole years are chosen,
    -- and for a choice of ages only where the table was split by age
    -- a marker instead of a number (".", "x", "/", "...") leaves the town-year's figure unknown
    select ags, year,
           case when bool_or(persons is null) filter (where direction = 'in') then null
                else sum(persons) filter (where direction = 'in') end as inflow,
           case when bool_or(persons is null) filter (where direction = 'out') then null
                else sum(persons) filter (where direction = 'out') end as outflow
    from registration_year
    where year between $year_from and $year_to
      and len($months) = 12
      and sex = 'total' and origin = 'total'
      and ((len($age_groups) = 6 and age_group = 'total')
           or (len($age_groups) < 6 and age_group = any($age_groups)))
    group by all
),

nearest_population as (
    -- ties between an earlier and a later year go to the earlier one
    select g.ags, g.year,
           arg_min(p.persons, abs(p.year - g.year) * 10000 + p.year) as persons,
           arg_min(p.is_estimate or p.year <> g.year, abs(p.year - g.year) * 10000 + p.year)
               as is_estimate
    from grid g
    join population p on p.ags = g.ags
    group by g.ags, g.year
),

final as (
    select g.ags, g.year,
           (case when o.ags is null then coalesce(f.inflow, 0) else o.inflow end)::bigint as inflow,
           (case when o.ags is null then coalesce(f.outflow, 0) else o.outflow end)::bigint as outflow,
           -- official tables say nothing of origin: moves within the region cannot be taken out
           (case when o.ags is null then coalesce(f.within_inflow, 0) else 0 end)::bigint as within_inflow,
           (case when o.ags is null then coalesce(f.within_outflow, 0) else 0 end)::bigint as within_outflow,
           n.persons::double as population,
           coalesce(n.is_estimate, true) as is_estimate,
           f.ags is not null or o.ags is not null as has_data,
           o.ags is not null as is_official
    from grid g
    left join flows f using (ags, year)
    left join official o using (ags, year)
    left join nearest_population n using (ags, year)
)

select * from final order by ags, year
