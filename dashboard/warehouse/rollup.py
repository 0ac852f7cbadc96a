"""The yearly rollup `registration_by_year`: recomputed for the town-years a write to
`registration` touched, inside the writer's transaction, so readers never see the two disagree."""

from __future__ import annotations

import duckdb

# Summed per import first, then marked demo or not: the import ids are few, so the lookup in the
# log runs over the sums instead of every monthly row (a join or lookup per row of a Germany-scale
# load, still uncommitted, ran out of a 3 GB memory limit or took 11 s instead of 3.5 s).
_SUMS = """
    select s.ags, s.year, s.direction, s.age_group, s.origin,
           s.import_id in (select import_id from import_log where is_demo) as is_demo,
           sum(s.persons)::bigint as persons
    from (select r.ags, year(r.month) as year, r.direction, r.age_group, r.origin, r.import_id,
                 sum(r.persons) as persons
          from registration r
          {where}
          group by all) s
    group by all"""

# Sum first, then keep the touched town-years: probing the few million sums is far cheaper than
# probing every monthly row (3.7 s instead of 8 s for a full Germany-scale load). The year range
# lets DuckDB skip the blocks of other years, so a small delivery reads little.
_TOUCHED = """
    select s.* from ({sums}) s
    where exists (select 1 from {keys} k where k.ags = s.ags and k.year = s.year)"""
_YEARS_OF = """where r.month between (select make_date(min(year), 1, 1) from {keys})
                         and (select make_date(max(year), 12, 1) from {keys})"""


def refresh(con: duckdb.DuckDBPyConnection, town_years: str | None = None) -> None:
    """Recompute the rollup for the town-years listed in the relation `town_years` (columns ags,
    year), or all of it when none is given."""
    if town_years is not None and not con.execute("select exists (from registration_by_year)").fetchall()[0][0]:
        # nothing summed yet, so every stored row is this write's: the whole sum is the touched part,
        # without probing each sum against the town-years (a first Germany-scale load: 16 s → 8 s)
        town_years = None
    if town_years is None:
        con.execute("delete from registration_by_year")
        rows = _SUMS.format(where="")
    else:
        con.execute(
            f"delete from registration_by_year b where exists "
            f"(select 1 from {town_years} k where k.ags = b.ags and k.year = b.year)"
        )
        rows = _TOUCHED.format(sums=_SUMS.format(where=_YEARS_OF.format(keys=town_years)), keys=town_years)
    con.execute(f"insert into registration_by_year by name {rows} order by year, ags")
