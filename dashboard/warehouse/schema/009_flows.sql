-- 009: moves from place to place (the flows kind): each end is one of the 59 towns' AGS, another
-- municipality's, district's or state's key (8, 5 or 2 digits) or an origin class where a delivery
-- names no key; a month, or only the year where a delivery has years
create table flow (
    from_code  varchar not null check (regexp_full_match(from_code, '\d{8}|\d{5}|\d{2}|nrw|de|abroad')),
    to_code    varchar not null check (regexp_full_match(to_code, '\d{8}|\d{5}|\d{2}|nrw|de|abroad')),
    year       integer not null,
    month      date,
    age_group  varchar not null check (age_group in ('0-17', '18-24', '25-29', '30-49', '50-64', '65+')),
    persons    integer not null check (persons >= 0),
    import_id  integer not null,
    check (from_code <> to_code),
    check (month is null or year(month) = year)
);
