-- purpose: every membership of a town in a network, with its period
-- grain: one row per ags × network
-- params: none
select ags, network, joined_on, left_on
from network_membership
order by network, joined_on, ags
