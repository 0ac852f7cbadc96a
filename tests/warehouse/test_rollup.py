"""The yearly rollup stays equal to the sums of the monthly rows after every kind of write to
`registration`: the demo build, a template delivery that replaces months, official figures that
clear demo months, a bulk delivery, and removing the demo data."""

from pathlib import Path

import pandas as pd

from dashboard.cli import main
from dashboard.config import TEMPLATES_DIR
from dashboard.ingest.bulk import bulk_import
from dashboard.ingest.init import init_warehouse
from dashboard.warehouse.connection import reader, writer

GENESIS_2015 = Path(__file__).parents[1] / "data" / "genesis" / "12711-01-03-5_gemeinden_2015_cp1252.csv"
SUMS = """select r.ags, year(r.month) as year, r.direction, r.age_group, r.origin,
                 coalesce(l.is_demo, false) as is_demo, sum(r.persons)::bigint as persons
          from registration r left join import_log l using (import_id) group by all"""
ROLLUP = "select ags, year, direction, age_group, origin, is_demo, persons from registration_by_year"


def _differences(db: Path) -> tuple[int, int]:
    """(rows of the rollup, rows where it and the monthly sums disagree in either direction)."""
    with reader(db) as con:
        return con.execute(f"""select (select count(*) from registration_by_year),
                                      (select count(*) from (({ROLLUP}) except all ({SUMS})))
                                      + (select count(*) from (({SUMS}) except all ({ROLLUP})))
                            """).fetchall()[0]


def test_the_demo_build_fills_the_rollup(demo_warehouse):
    rows, differing = _differences(demo_warehouse)
    assert rows > 0 and differing == 0


def test_a_template_delivery_that_replaces_months_updates_its_town_years(demo_warehouse, tmp_path):
    path = tmp_path / "maerz.csv"
    path.write_text(
        "ags,month,direction,age_group,sex,origin,persons\n05962060,2024-03-01,in,25-29,f,nrw,4000\n", encoding="utf-8"
    )
    assert main(["--db", str(demo_warehouse), "import", "registrations", str(path)]) == 0
    assert _differences(demo_warehouse)[1] == 0
    with reader(demo_warehouse) as con:
        werdohl = con.execute(
            "select sum(persons) from registration_by_year where ags = '05962060' and year = 2024 "
            "and direction = 'in' and age_group = '25-29' and origin = 'nrw'"
        ).fetchall()[0][0]
    assert werdohl >= 4000


def test_official_figures_that_clear_demo_months_update_the_rollup(demo_warehouse):
    assert main(["--db", str(demo_warehouse), "import", "genesis", str(GENESIS_2015)]) == 0
    assert _differences(demo_warehouse)[1] == 0
    with reader(demo_warehouse) as con:
        assert (
            con.execute("select count(*) from registration_by_year where ags = '05962060' and year = 2015").fetchall()[
                0
            ][0]
            == 0
        )


def _bulk_delivery(path: Path, *rows: tuple[str, str, str, str, str, str, int]) -> Path:
    """A Parquet delivery of (ags, month, direction, age_group, sex, origin, persons) rows."""
    columns = ["ags", "month", "direction", "age_group", "sex", "origin", "persons"]
    frame = pd.DataFrame(rows, columns=columns).assign(month=lambda f: pd.to_datetime(f["month"]).dt.date)
    frame.to_parquet(path)
    return path


def test_a_bulk_delivery_replaces_its_town_months_in_the_rollup(demo_warehouse, tmp_path):
    delivery = _bulk_delivery(
        tmp_path / "lieferung.parquet",
        ("05962060", "2023-01-01", "in", "18-24", "f", "de", 7),
        ("05966020", "2023-02-01", "out", "65+", "m", "abroad", 3),
    )
    with writer(demo_warehouse) as con:
        result = bulk_import(con, [delivery])
    assert result.rows_added == 2 and result.rows_replaced > 0
    assert _differences(demo_warehouse)[1] == 0


def test_the_first_deliveries_into_an_empty_warehouse_fill_the_rollup_and_the_next_follow(empty_warehouse, tmp_path):
    """Into an empty rollup an import sums everything stored (all of it is its own), a later one
    only its town-years: both by template and in bulk, the rollup equals the monthly sums."""
    assert (
        main(["--db", str(empty_warehouse), "import", "registrations", str(TEMPLATES_DIR / "registrations.csv")]) == 0
    )
    rows, differing = _differences(empty_warehouse)
    assert rows > 0 and differing == 0
    delivery = _bulk_delivery(
        tmp_path / "lieferung.parquet",
        ("05962060", "2021-03-01", "in", "25-29", "f", "de", 4),
        ("05970040", "2021-04-01", "in", "30-49", "m", "de", 9),
    )
    with writer(empty_warehouse) as con:
        assert bulk_import(con, [delivery]).rows_added == 2
    assert _differences(empty_warehouse) == (rows + 2, 0)
    bulk_only = tmp_path / "bulk-only.duckdb"
    init_warehouse(bulk_only, demo=False)
    with writer(bulk_only) as con:
        bulk_import(con, [delivery])
    assert _differences(bulk_only) == (2, 0)


def test_removing_the_demo_data_empties_the_rollup(demo_warehouse):
    init_warehouse(demo_warehouse, demo=False)
    assert _differences(demo_warehouse) == (0, 0)
