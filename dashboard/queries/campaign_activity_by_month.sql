-- purpose: campaign reach per campaign, month, channel and town (ags null = region-wide)
-- grain: one row per campaign_id × month × channel × ags
-- params: $date_from, $date_to (dates)
with selected as (
    select campaign_id, date_trunc('month', date)::date as month, channel, ags,
           impressions, clicks, leads, spend_eur
    from campaign_activity
    where date between $date_from and $date_to
),

final as (
    select campaign_id, month, channel, ags,
           sum(impressions)::bigint as impressions, sum(clicks)::bigint as clicks,
           sum(leads)::bigint as leads, sum(spend_eur) as spend_eur
    from selected
    group by all
)

select * from final order by campaign_id, month, channel, ags nulls first
