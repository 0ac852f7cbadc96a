-- 001: the warehouse contract shared by importers, KPI queries and tests (see DESIGN.md)
-- every data row carries the import that delivered it, so the app can tell demo from official data

create table import_log (
    import_id    integer primary key,
    kind         varchar not null,
    file_name    varchar not null,
    sha256       varchar not null,
    rows         integer not null,
    imported_at  timestamp not null,
    status       varchar not null check (status in ('ok', 'refused')),
    message      varchar,
    is_demo      boolean not null default false,
    source_note  varchar
);

create table municipality (
    ags                char(8) primary key,
    official_name      varchar not null,
    name               varchar not null,
    district           varchar not null,
    kind               varchar not null check (kind in ('Stadt', 'Gemeinde')),
    area_km2           double,
    lat                double,
    lon                double,
    is_geo_estimate    boolean not null
);

create table population (
    ags          char(8) not null,
    year         integer not null,
    persons      integer not null check (persons >= 0),
    is_estimate  boolean not null,
    import_id    integer not null,
    primary key (ags, year)
);

create table registration (
    ags        char(8) not null,
    month      date not null,
    direction  varchar not null check (direction in ('in', 'out')),
    age_group  varchar not null check (age_group in ('0-17', '18-24', '25-29', '30-49', '50-64', '65+')),
    sex        varchar not null check (sex in ('m', 'f', 'd')),
    origin     varchar not null check (origin in ('swf', 'nrw', 'de', 'abroad')),
    persons    integer not null check (persons >= 0),
    import_id  integer not null,
    primary key (ags, month, direction, age_group, sex, origin)
);

create table campaign (
    campaign_id   varchar primary key,
    name          varchar not null,
    target_group  varchar not null,
    start_date    date not null,
    end_date      date,
    budget_eur    double not null check (budget_eur >= 0),
    import_id     integer not null
);

-- ags null = region-wide activity (not attributable to one town)
create table campaign_activity (
    campaign_id  varchar not null,
    date         date not null,
    channel      varchar not null,
    ags          char(8),
    impressions  bigint not null check (impressions >= 0),
    clicks       bigint not null check (clicks >= 0),
    leads        integer not null check (leads >= 0),
    spend_eur    double not null check (spend_eur >= 0),
    import_id    integer not null
);

-- Meet 'n' Match and similar formats: events with companies, participants and matches
create table campaign_event (
    campaign_id   varchar not null,
    event_date    date not null,
    ags           char(8),
    companies     integer not null check (companies >= 0),
    participants  integer not null check (participants >= 0),
    matches       integer not null check (matches >= 0),
    import_id     integer not null
);

create table network_membership (
    ags        char(8) not null,
    network    varchar not null,
    joined_on  date not null,
    left_on    date,
    import_id  integer not null,
    primary key (ags, network)
);

create table round_table (
    edition       integer primary key,
    date          date not null,
    host_ags      char(8),
    format        varchar not null check (format in ('praesenz', 'digital', 'hybrid')),
    participants  integer not null check (participants >= 0),
    import_id     integer not null
);

create table round_table_attendance (
    edition    integer not null,
    ags        char(8) not null,
    import_id  integer not null,
    primary key (edition, ags)
);

create table welcome_bag (
    ags         char(8) not null,
    month       date not null,
    handed_out  integer not null check (handed_out >= 0),
    import_id   integer not null,
    primary key (ags, month)
);

create table kpi_target (
    kpi        varchar not null,
    scope      varchar not null,
    year       integer not null,
    value      double not null,
    import_id  integer,
    primary key (kpi, scope, year)
);
