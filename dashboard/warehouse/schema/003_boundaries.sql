-- 003: official municipal boundaries (e.g. BKG VG250), WGS84, one (multi)polygon per town as WKB;
-- stored with the data so that an import refreshes every session's map like any other import
create table boundary (
    ags        char(8) primary key,
    geometry   blob not null,
    import_id  integer
);
