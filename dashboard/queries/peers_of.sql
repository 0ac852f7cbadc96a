-- purpose: a town's peers (towns like it) with the inputs they rest on, as refreshed by the last
--          import (warehouse/peers.py)
-- grain: one row per peer (rank 1 = nearest)
-- params: $town
select p.rank, p.peer_ags, p.distance, p.similar_in, p.same_district,
       m.kind = n.kind as same_kind, n.kind, r.years, r.neighbours
from peer p
join municipality m on m.ags = p.ags
join municipality n on n.ags = p.peer_ags
cross join (select any_value(years) as years, any_value(neighbours) as neighbours from peer_run) r
where p.ags = $town
order by p.rank
