-- purpose: campaign events (e.g. Meet 'n' Match company visits) with companies, participants, matches
-- grain: one row per event
-- params: $date_from, $date_to (dates)
select campaign_id, event_date, ags, companies, participants, matches
from campaign_event
where event_date between $date_from and $date_to
order by event_date, campaign_id
