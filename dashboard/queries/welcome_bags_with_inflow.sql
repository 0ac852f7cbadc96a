-- purpose: welcome bags handed out and Zuzüge (persons, all origins) per town and month
-- grain: one row per ags × month of the welcome-bag deliveries
-- params: none
with inflow as (
    -- only the town-months with a delivery are summed: at Germany scale that skips nearly all
    -- registration rows instead of summing every town-month first
    select r.ags, r.month, sum(r.persons)::bigint as inflow
    from registration r
    semi join welcome_bag b on b.ags = r.ags and b.month = r.month
    where r.direction = 'in'
    group by all
),

final as (
    select b.ags, b.month, b.handed_out, coalesce(i.inflow, 0) as inflow
    from welcome_bag b
    left join inflow i using (ags, month)
)

select * from final order by ags, month
