-- purpose: Zuzüge and Fortzüge per town, year and age band from both grains: the yearly sums of
--          the register (own deliveries, demo) and the official annual figures (GENESIS 12711),
--          which win for their town-years. Feeds the target groups of every page and export.
-- grain: one row per ags × year × direction × age_group × is_within (register) or
--        ags × year × direction × age_group (official)
-- params: $year_from, $year_to, $months (list of 1..12), $ags (list), $all_towns (true: no town
--         filter, $ags is not read)
-- persons is null where the figure is unknown, and `marker` says why: a GENESIS marker
-- ('.', 'x', '/', '...'), 'no_age' (the official table has no age bands) or 'annual_only' (a
-- choice of months, but the town-year exists only as an annual figure)
with official_town_years as (
    select ags, year, bool_or(age_group <> 'total') as has_ages
    from registration_year
    where year between $year_from and $year_to
      and ($all_towns or ags in (select unnest($ags)))
    group by all
),

register as (
    select r.ags, r.year, r.direction, r.age_group, r.origin = 'swf' as is_within,
           bool_or(r.is_demo) as is_demo, sum(r.persons) as persons
    from registration_by_year r
    where len($months) = 12
      and r.year between $year_from and $year_to
      and ($all_towns or r.ags in (select unnest($ags)))
    group by all
    union all
    select r.ags, year(r.month), r.direction, r.age_group, r.origin = 'swf',
           bool_or(coalesce(l.is_demo, false)), sum(r.persons)
    from registration r
    left join import_log l using (import_id)
    where len($months) < 12
      and r.month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(r.month) = any($months)
      and ($all_towns or r.ags in (select unnest($ags)))
    group by all
),

bands as (
    select unnest(['0-17', '18-24', '25-29', '30-49', '50-64', '65+']) as age_group
),

official as (
    -- the six bands where the table has them; otherwise each band unknown ('no_age')
    select k.ags, k.year, d.direction, b.age_group,
           case when len($months) < 12 or not k.has_ages then null else o.persons end as persons,
           case when len($months) < 12 then 'annual_only'
                when not k.has_ages then 'no_age'
                when o.ags is null then 'missing'
                when o.persons is null then o.marker end as marker
    from official_town_years k
    cross join (select unnest(['in', 'out']) as direction) d
    cross join bands b
    left join registration_year o
        on o.ags = k.ags and o.year = k.year and o.direction = d.direction and o.age_group = b.age_group
       and o.sex = 'total' and o.origin = 'total'
),

final as (
    select r.ags, r.year, r.direction, r.age_group, r.is_within, r.persons::bigint as persons,
           null::varchar as marker, 'register' as source, r.is_demo
    from register r
    anti join official_town_years k using (ags, year)
    union all
    select ags, year, direction, age_group, false, persons::bigint, marker, 'official', false
    from official
)

select * from final order by ags, year, direction, age_group, is_within
