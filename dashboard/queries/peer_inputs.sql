-- purpose: the inputs of the peer rule for some towns: each in its unit and as standardised score
-- grain: one row per town × feature
-- params: $ags (list)
select ags, feature, value, score
from peer_input
where ags in (select unnest($ags))
order by ags, feature
