-- 010: towns like mine, kept up to date with every import that changes migration or population
-- (warehouse/peers.py): each town's inputs as stored values and standardised scores, and its
-- nearest towns on them with the inputs in which they are closest
create table peer_input (
    ags      char(8) not null,
    feature  varchar not null,   -- size, kind, inflow_<target group>, net (see warehouse/peers.py)
    value    double,             -- in its unit: log10 inhabitants, 1 = Stadt, persons per 1,000 and year
    score    double,             -- standardised over the towns (mean 0, standard deviation 1)
    primary key (ags, feature)
);

create table peer (
    ags         char(8) not null,
    rank        integer not null,
    peer_ags    char(8) not null,
    distance    double not null,
    similar_in  varchar[] not null,   -- the inputs in which the two are closest, closest first
    same_district boolean not null,
    primary key (ags, rank)
);

create table peer_run (
    computed_at  timestamp not null,
    years        varchar,             -- the years the migration profile rests on, e.g. 2023–2025
    towns        integer not null,
    neighbours   integer not null
);
