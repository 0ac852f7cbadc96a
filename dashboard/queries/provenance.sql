-- purpose: where every data set's figures of each year come from: official statistics, the
--          agency's own deliveries, or the synthetic demo data (the badge, the Daten page and the
--          notes under figures read it)
-- grain: one row per data set × year × kind
-- params: none
with rows as (
    select 'migration' as data_set, year(month) as year, import_id, count(*) as rows
    from registration group by all
    union all
    select 'migration', year, import_id, count(*) from registration_year group by all
    union all
    select 'population', year, import_id, count(*) from population group by all
    union all
    select 'campaign', year(start_date), import_id, count(*) from campaign group by all
    union all
    select 'campaign_activity', year(date), import_id, count(*) from campaign_activity group by all
    union all
    select 'campaign_event', year(event_date), import_id, count(*) from campaign_event group by all
    union all
    select 'network_membership', year(joined_on), import_id, count(*) from network_membership group by all
    union all
    select 'round_table', year(date), import_id, count(*) from round_table group by all
    union all
    select 'welcome_bag', year(month), import_id, count(*) from welcome_bag group by all
    union all
    select 'kpi_target', year, import_id, count(*) from kpi_target group by all
),

final as (
    select r.data_set, r.year,
           case when l.is_demo then 'demo' when l.is_official then 'official' else 'own' end as kind,
           sum(r.rows)::bigint as rows,
           string_agg(distinct l.table_code, ', ' order by l.table_code) as table_codes,
           string_agg(distinct l.copyright, ' · ' order by l.copyright) as copyright
    from rows r
    left join import_log l using (import_id)
    group by all
)

select * from final order by data_set, year, kind
