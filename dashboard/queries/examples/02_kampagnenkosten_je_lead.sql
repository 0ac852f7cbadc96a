-- title: Kampagnenkosten je Lead
-- title_en: Campaign cost per lead
-- Ausgaben, Leads und Kosten je Lead je Kampagne und Kanal über die ganze Laufzeit.
-- en: Spend, leads and cost per lead by campaign and channel over the whole run time.
select c.name as kampagne, a.channel as kanal,
       sum(a.spend_eur) as ausgaben_eur, sum(a.leads) as leads,
       round(sum(a.spend_eur) / nullif(sum(a.leads), 0), 2) as kosten_je_lead_eur
from campaign_activity a
join campaign c using (campaign_id)
group by all
order by kampagne, kosten_je_lead_eur
