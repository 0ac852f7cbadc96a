-- purpose: Zuzüge (by origin) and Fortzüge (by destination) per town and year from both grains:
--          the register's four origins, and the official annual figures where the table splits
--          by origin (the rest of Germany, abroad; what remains is then 'within_nrw' or
--          'domestic'), else 'unknown'. Official figures win for their town-years.
-- grain: one row per ags × year × direction × origin
-- params: $year_from, $year_to, $months (list of 1..12), $age_groups (list), $ags (list),
--         $all_towns (true: no town filter)
-- Official tables carry origin only for all ages: for a choice of age bands an official
-- town-year's flows are 'unknown' by origin (the sum of the chosen bands, or null with marker
-- 'no_age' where the table has no bands).
with official_town_years as (
    select ags, year,
           bool_or(age_group <> 'total') as has_ages,
           bool_or(origin = 'de') as has_de,
           bool_or(origin = 'abroad') as has_abroad
    from registration_year
    where year between $year_from and $year_to
      and ($all_towns or ags in (select unnest($ags)))
    group by all
),

register as (
    select r.ags, r.year, r.direction, r.origin, bool_or(r.is_demo) as is_demo, sum(r.persons) as persons
    from registration_by_year r
    where len($months) = 12
      and r.year between $year_from and $year_to
      and r.age_group = any($age_groups)
      and ($all_towns or r.ags in (select unnest($ags)))
    group by all
    union all
    select r.ags, year(r.month), r.direction, r.origin, bool_or(coalesce(l.is_demo, false)), sum(r.persons)
    from registration r
    left join import_log l using (import_id)
    where len($months) < 12
      and r.month between make_date($year_from, 1, 1) and make_date($year_to, 12, 1)
      and month(r.month) = any($months)
      and r.age_group = any($age_groups)
      and ($all_towns or r.ags in (select unnest($ags)))
    group by all
),

official_sums as (
    select o.ags, o.year, o.direction,
           -- all ages: the total and the origins the table has
           max(o.persons) filter (where o.age_group = 'total' and o.origin = 'total') as total,
           bool_or(o.persons is null) filter (where o.age_group = 'total' and o.origin = 'total') as total_unknown,
           any_value(o.marker) filter (where o.age_group = 'total' and o.origin = 'total') as total_marker,
           max(o.persons) filter (where o.age_group = 'total' and o.origin = 'de') as de,
           max(o.persons) filter (where o.age_group = 'total' and o.origin = 'abroad') as abroad,
           -- a choice of ages: the sum of its bands
           sum(o.persons) filter (where o.age_group = any($age_groups) and o.origin = 'total') as chosen,
           bool_or(o.persons is null) filter (where o.age_group = any($age_groups) and o.origin = 'total')
               as chosen_unknown,
           any_value(o.marker) filter (where o.age_group = any($age_groups) and o.origin = 'total')
               as chosen_marker
    from registration_year o
    where o.year between $year_from and $year_to
      and o.sex = 'total'
      and ($all_towns or o.ags in (select unnest($ags)))
    group by all
),

official as (
    select k.ags, k.year, s.direction, u.origin,
           case when len($months) < 12 then null
                when len($age_groups) < 6 then
                    case when u.origin <> 'unknown' or not k.has_ages or s.chosen_unknown then null
                         else s.chosen end
                when s.total_unknown then case when u.origin = 'unknown' then null end
                when u.origin = 'de' then s.de
                when u.origin = 'abroad' then s.abroad
                when u.origin = 'within_nrw' then s.total - s.de - s.abroad
                when u.origin = 'domestic' then s.total - s.abroad
                else s.total end as persons,
           case when len($months) < 12 then 'annual_only'
                when len($age_groups) < 6 and not k.has_ages then 'no_age'
                when len($age_groups) < 6 and s.chosen_unknown then s.chosen_marker
                when len($age_groups) = 6 and s.total_unknown then s.total_marker end as marker
    from official_town_years k
    join official_sums s using (ags, year)
    cross join (select unnest(['de', 'abroad', 'within_nrw', 'domestic', 'unknown']) as origin) u
    -- the classes this town-year's table can tell apart, for the ages chosen
    where case when len($months) < 12 or len($age_groups) < 6 or s.total_unknown then u.origin = 'unknown'
               when k.has_de and k.has_abroad then u.origin in ('de', 'abroad', 'within_nrw')
               when k.has_abroad then u.origin in ('abroad', 'domestic')
               else u.origin = 'unknown' end
),

final as (
    select r.ags, r.year, r.direction, r.origin, r.persons::bigint as persons, null::varchar as marker,
           'register' as source, r.is_demo
    from register r
    anti join official_town_years k using (ags, year)
    union all
    select ags, year, direction, origin, persons::bigint, marker, 'official', false
    from official
)

select * from final order by ags, year, direction, origin
