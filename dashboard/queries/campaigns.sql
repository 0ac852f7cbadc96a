-- purpose: the campaigns with target group, run time, budget and whether they are demo data
-- grain: one row per campaign_id
-- params: none
select c.campaign_id, c.name, c.target_group, c.start_date, c.end_date, c.budget_eur,
       coalesce(l.is_demo, false) as is_demo
from campaign c
left join import_log l using (import_id)
order by c.start_date, c.campaign_id
