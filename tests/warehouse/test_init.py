"""`init` builds the warehouse from data/ and a second run changes nothing."""

import pandas as pd

from dashboard.cli import main
from dashboard.config import DEMO_DIR
from dashboard.ingest.init import demo_manifest
from dashboard.kpis.migration import AGE_GROUPS, summary_of
from dashboard.queries import fetch
from dashboard.warehouse.connection import reader
from tests.conftest import checksums


def _log_rows(path):
    with reader(path) as con:
        return con.execute("select count(*) from import_log").fetchall()[0][0]


def test_init_builds_59_towns_and_the_demo_data(demo_warehouse_master):
    with reader(demo_warehouse_master) as con:
        assert con.execute("select count(*) from municipality").fetchall()[0][0] == 59
        registrations = con.execute("select count(*) from registration").fetchall()[0][0]
        demo_flags = con.execute("select distinct is_demo from import_log").fetchall()
    assert registrations == sum(f["rows"] for f in demo_manifest(DEMO_DIR)["files"] if f["kind"] == "registrations")
    assert demo_flags == [(True,)]


def test_second_init_changes_nothing(demo_warehouse, capsys):
    before, logged = checksums(demo_warehouse), _log_rows(demo_warehouse)
    assert main(["--db", str(demo_warehouse), "init"]) == 0
    assert "0 Datei(en) importiert" in capsys.readouterr().out
    assert checksums(demo_warehouse) == before
    assert _log_rows(demo_warehouse) == logged


def test_no_demo_removes_demo_rows_and_keeps_the_estimate(demo_warehouse):
    assert main(["--db", str(demo_warehouse), "init", "--no-demo"]) == 0
    with reader(demo_warehouse) as con:
        assert con.execute("select count(*) from registration").fetchall()[0][0] == 0
        assert con.execute("select count(*), bool_and(is_estimate) from population").fetchall()[0] == (59, True)


def test_region_saldo_equals_in_minus_out_across_the_region_border(demo_warehouse_master):
    with reader(demo_warehouse_master) as con:
        border = con.execute("""
            select year(month) as year,
                   sum(case when direction = 'in' then persons else 0 end),
                   sum(case when direction = 'out' then persons else 0 end)
            from registration where origin <> 'swf' group by 1 order by 1""").fetchall()
        assert len(border) == 11
        for year, inflow, outflow in border:
            base = fetch(con, "town_year_base", year_from=year, year_to=year,
                         months=list(range(1, 13)), age_groups=list(AGE_GROUPS))
            summary = summary_of(base, whole_region=True)
            assert (summary.inflow, summary.outflow, summary.net) == (inflow, outflow, inflow - outflow)


def test_every_query_runs_and_is_used(demo_warehouse_master):
    from importlib import resources
    from pathlib import Path

    names = [p.name[:-4] for p in resources.files("dashboard.queries").iterdir() if p.name.endswith(".sql")]
    params = {"year_from": 2024, "year_to": 2024, "months": [1], "age_groups": ["18-24"],
              "ags": ["05962060"], "all_towns": False, "date_from": pd.Timestamp("2024-01-01").date(),
              "date_to": pd.Timestamp("2024-12-31").date()}
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("dashboard").rglob("*.py"))
    with reader(demo_warehouse_master) as con:
        for name in names:
            from dashboard.queries import sql
            wanted = {k: v for k, v in params.items() if f"${k}" in sql(name)}
            assert fetch(con, name, **wanted) is not None
            assert f'"{name}"' in source, f"{name}.sql is not used by any code"
