-- purpose: the base table of every migration KPI: flows per town and year from both grains (the
--          register's yearly sums, official annual figures where they exist: official figures win
--          for their town-years) and the part of them within the region (origin 'swf'). The
--          KPI layer adds the inhabitants (kpis.migration.with_population).
-- grain: one row per municipality × year from $year_from to $year_to (0 where nothing moved)
-- params: $year_from, $year_to, $months (list of 1..12), $age_groups (list)
-- A figure that is unknown is null, and in_marker/out_marker say why: a GENESIS marker ('.', 'x',
-- '/', '...'), 'no_age' (a choice of ages, but the official table has no age bands) or
-- 'annual_only' (a choice of months, but the town-year exists only as an annual figure).
with grid as (
    select m.ags, y.year
    from municipality m
    cross join (select unnest(range($year_from, $year_to + 1)) as year) y
),

moves as (
    -- whole years come from the yearly rollup; a choice of months needs the monthly rows
    -- (only one branch reads anything: the other's condition on $months is false)
    select ags, year, direction, origin, is_demo, persons
    from registration_by_year
    where len($months) = 12
      and year between $year_from and $year_to
      and age_group = any($age_groups)
    union all
    select r.ags, year(r.month), r.direction, r.origin, coalesce(l.is_demo, false), r.persons
    from registration r
    left join import_log l using (import_id)
    where len($months) < 12
      and r.month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(r.month) = any($months)
      and r.age_group = any($age_groups)
),

flows as (
    select ags, year,
           sum(persons) filter (where direction = 'in') as inflow,
           sum(persons) filter (where direction = 'out') as outflow,
           sum(persons) filter (where direction = 'in' and origin = 'swf') as within_inflow,
           sum(persons) filter (where direction = 'out' and origin = 'swf') as within_outflow,
           bool_or(is_demo) as is_demo
    from moves
    group by all
),

official_rows as (
    -- all moves across the municipal border (sex and origin 'total'), for all ages or the chosen
    -- bands; a marker instead of a number leaves the figure unknown
    select ags, year, direction,
           bool_or(age_group <> 'total') as has_ages,
           max(persons) filter (where age_group = 'total') as all_ages,
           any_value(marker) filter (where age_group = 'total' and persons is null) as all_ages_marker,
           sum(persons) filter (where age_group = any($age_groups)) as chosen,
           count(persons) filter (where age_group = any($age_groups)) as chosen_known,
           any_value(marker) filter (where age_group = any($age_groups) and persons is null) as chosen_marker
    from registration_year
    where year between $year_from and $year_to
      and sex = 'total' and origin = 'total'
    group by all
),

official_figures as (
    select ags, year, direction,
           case when len($months) < 12 then null
                when len($age_groups) = 6 then all_ages
                when not has_ages or chosen_known < len($age_groups) then null
                else chosen end as persons,
           case when len($months) < 12 then 'annual_only'
                when len($age_groups) = 6 then
                    case when all_ages is null then coalesce(all_ages_marker, 'missing') end
                when not has_ages then 'no_age'
                when chosen_known < len($age_groups) then coalesce(chosen_marker, 'missing') end as marker
    from official_rows
),

official as (
    select ags, year,
           max(persons) filter (where direction = 'in') as inflow,
           max(persons) filter (where direction = 'out') as outflow,
           max(marker) filter (where direction = 'in') as in_marker,
           max(marker) filter (where direction = 'out') as out_marker,
           bool_or(direction = 'in') as has_in,
           bool_or(direction = 'out') as has_out
    from official_figures
    group by all
),

final as (
    select g.ags, g.year,
           (case when o.ags is null then coalesce(f.inflow, 0) else o.inflow end)::bigint as inflow,
           (case when o.ags is null then coalesce(f.outflow, 0) else o.outflow end)::bigint as outflow,
           -- official tables say nothing of origin: moves within the region cannot be taken out
           (case when o.ags is null then coalesce(f.within_inflow, 0) else 0 end)::bigint as within_inflow,
           (case when o.ags is null then coalesce(f.within_outflow, 0) else 0 end)::bigint as within_outflow,
           case when o.ags is not null then
                case when not o.has_in then 'missing' else o.in_marker end end as in_marker,
           case when o.ags is not null then
                case when not o.has_out then 'missing' else o.out_marker end end as out_marker,
           f.ags is not null or o.ags is not null as has_data,
           o.ags is not null as is_official,
           case when o.ags is not null then 'official'
                when f.is_demo then 'demo'
                when f.ags is not null then 'own' end as flow_kind
    from grid g
    left join flows f using (ags, year)
    left join official o using (ags, year)
)

select * from final order by ags, year
