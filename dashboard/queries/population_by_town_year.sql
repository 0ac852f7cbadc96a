-- purpose: every population figure per town and reference date (31.12., 30.06., the census of
--          15.05.2022), with the kind of its source (official, own, demo, estimate) and its attribution
-- grain: one row per ags × reference_date
-- params: none
select p.ags, p.year, p.reference_date, p.persons, p.is_estimate, coalesce(l.is_demo, false) as is_demo,
       case when l.is_demo then 'demo'
            when p.is_estimate then 'estimate'
            when l.is_official then 'official'
            else 'own' end as kind,
       l.copyright
from population p
left join import_log l using (import_id)
order by p.ags, p.reference_date
