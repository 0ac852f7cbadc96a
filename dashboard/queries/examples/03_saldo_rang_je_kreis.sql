-- title: Saldo je 1.000 Einwohner: Rang im Kreis
-- title_en: Net migration per 1,000: rank within the district
-- Fensterfunktion: jede Kommune mit ihrem Saldo je 1.000 Einwohner 2024 und ihrem Rang im Kreis.
-- en: Window function: every municipality with its net migration per 1,000 inhabitants in 2024 and its rank in the district.
with saldo as (
    select r.ags, sum(case when r.direction = 'in' then r.persons else -r.persons end) as saldo
    from registration r
    where year(r.month) = 2024
    group by all
)
select m.district as kreis, m.name as kommune,
       round(s.saldo / p.persons * 1000, 1) as saldo_je_1000,
       rank() over (partition by m.district order by s.saldo / p.persons desc) as rang_im_kreis
from saldo s
join municipality m using (ags)
join population p on p.ags = s.ags and p.year = 2024
order by kreis, rang_im_kreis
