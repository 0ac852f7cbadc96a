-- purpose: which data sets are loaded, how many rows, from which period, and whether demo or official
-- grain: one row per data set (warehouse table)
-- params: none
with sources as (
    select 'registration' as data_set, r.import_id, count(*) as rows,
           strftime(min(r.month), '%Y-%m') as first_period, strftime(max(r.month), '%Y-%m') as last_period
    from registration r group by r.import_id
    union all
    select 'registration_year', import_id, count(*), min(year)::varchar, max(year)::varchar
    from registration_year group by import_id
    union all
    select 'population', import_id, count(*), min(year)::varchar, max(year)::varchar
    from population group by import_id
    union all
    select 'campaign', import_id, count(*), min(start_date)::varchar, max(start_date)::varchar
    from campaign group by import_id
    union all
    select 'campaign_activity', import_id, count(*), min(date)::varchar, max(date)::varchar
    from campaign_activity group by import_id
    union all
    select 'campaign_event', import_id, count(*), min(event_date)::varchar, max(event_date)::varchar
    from campaign_event group by import_id
    union all
    select 'network_membership', import_id, count(*), min(joined_on)::varchar, max(joined_on)::varchar
    from network_membership group by import_id
    union all
    select 'round_table', import_id, count(*), min(date)::varchar, max(date)::varchar
    from round_table group by import_id
    union all
    select 'welcome_bag', import_id, count(*), strftime(min(month), '%Y-%m'), strftime(max(month), '%Y-%m')
    from welcome_bag group by import_id
    union all
    select 'flow', import_id, count(*), min(year)::varchar, max(year)::varchar
    from flow group by import_id
    union all
    select 'kpi_target', import_id, count(*), min(year)::varchar, max(year)::varchar
    from kpi_target group by import_id
),

final as (
    select s.data_set,
           sum(s.rows)::bigint as rows,
           sum(case when l.is_demo then s.rows else 0 end)::bigint as demo_rows,
           min(s.first_period) as first_period,
           max(s.last_period) as last_period,
           max(l.imported_at) as last_imported_at
    from sources s
    left join import_log l using (import_id)
    group by s.data_set
)

select * from final order by data_set
