-- purpose: welcome bags handed out and Zuzüge (persons, all origins) per town and month
-- grain: one row per ags × month of the welcome-bag deliveries
-- params: none
with inflow as (
    select ags, month, sum(persons)::bigint as inflow
    from registration
    where direction = 'in'
    group by all
),

final as (
    select b.ags, b.month, b.handed_out, coalesce(i.inflow, 0) as inflow
    from welcome_bag b
    left join inflow i using (ags, month)
)

select * from final order by ags, month
