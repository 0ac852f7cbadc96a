-- title: Zuzüge nach Zielgruppe 2024
-- title_en: In-migration by target group 2024
-- Zuzüge und Fortzüge je Altersgruppe (= Zielgruppe nach BBSR/INKAR) im Jahr 2024, ganz Südwestfalen,
-- ohne Umzüge innerhalb der Region (Herkunft 'swf').
-- en: In- and out-migration by age band (= BBSR/INKAR target group) in 2024, all of Südwestfalen,
-- en: without moves within the region (origin 'swf').
select age_group as altersgruppe,
       sum(persons) filter (where direction = 'in') as zuzuege,
       sum(persons) filter (where direction = 'out') as fortzuege,
       sum(case when direction = 'in' then persons else -persons end) as saldo
from registration
where year(month) = 2024 and origin <> 'swf'
group by all
order by altersgruppe
