"""`init` builds the warehouse from data/ and a second run changes nothing."""

import pandas as pd

from dashboard.cli import main
from dashboard.config import DEMO_DIR
from dashboard.ingest.init import demo_manifest
from dashboard.kpis.migration import summary_of
from dashboard.queries import fetch
from dashboard.vocabulary import AGE_GROUPS
from dashboard.warehouse.connection import reader
from tests.conftest import checksums


def _log_rows(path):
    with reader(path) as con:
        return con.execute("select count(*) from import_log").fetchall()[0][0]


def test_init_builds_59_towns_and_the_demo_data(demo_warehouse_master):
    with reader(demo_warehouse_master) as con:
        assert con.execute("select count(*) from municipality").fetchall()[0][0] == 59
        registrations = con.execute("select count(*) from registration").fetchall()[0][0]
        kinds = con.execute("select file_name, is_demo, is_official from import_log order by import_id").fetchall()
        demo_rollup = con.execute("select bool_and(is_demo) from registration_by_year").fetchall()[0][0]
    assert registrations == sum(f["rows"] for f in demo_manifest(DEMO_DIR)["files"] if f["kind"] == "registrations")
    # the Zensus 2022 populations are official reference facts, everything else is demo data
    assert kinds[0] == ("zensus2022_population.csv", False, True)
    assert {(demo, official) for _, demo, official in kinds[1:]} == {(True, False)}
    assert demo_rollup


def test_second_init_changes_nothing(demo_warehouse, capsys):
    before, logged = checksums(demo_warehouse), _log_rows(demo_warehouse)
    assert main(["--db", str(demo_warehouse), "init"]) == 0
    assert "0 Datei(en) importiert" in capsys.readouterr().out
    assert checksums(demo_warehouse) == before
    assert _log_rows(demo_warehouse) == logged


def test_no_demo_leaves_no_demo_row_in_any_table_and_keeps_the_census(demo_warehouse):
    assert main(["--db", str(demo_warehouse), "init", "--no-demo"]) == 0
    with reader(demo_warehouse) as con:
        tables = [
            r[0]
            for r in con.execute(
                "select table_name from duckdb_columns() where column_name = 'import_id' and table_name <> 'import_log'"
            ).fetchall()
        ]
        assert {"registration", "campaign", "kpi_target", "network_membership", "welcome_bag"} <= set(tables)
        for table in tables:
            demo = con.execute(
                f"select count(*) from {table} where import_id in (select import_id from import_log where is_demo)"
            ).fetchall()[0][0]
            assert demo == 0, table
        assert con.execute("select count(*) from registration").fetchall()[0][0] == 0
        assert con.execute("select count(*) from registration_by_year").fetchall()[0][0] == 0
        census = con.execute(
            "select count(*), sum(persons), min(reference_date)::varchar, bool_or(is_estimate) from population"
        ).fetchall()[0]
    assert census == (59, 1_374_515, "2022-05-15", False)


def test_region_saldo_equals_in_minus_out_across_the_region_border(demo_warehouse_master):
    with reader(demo_warehouse_master) as con:
        border = con.execute("""
            select year(month) as year,
                   sum(case when direction = 'in' then persons else 0 end),
                   sum(case when direction = 'out' then persons else 0 end)
            from registration where origin <> 'swf' group by 1 order by 1""").fetchall()
        assert len(border) == 11
        for year, inflow, outflow in border:
            base = fetch(
                con,
                "town_year_base",
                year_from=year,
                year_to=year,
                months=list(range(1, 13)),
                age_groups=list(AGE_GROUPS),
            ).assign(population=1.0)
            summary = summary_of(base, whole_region=True)
            assert (summary.inflow, summary.outflow, summary.net) == (inflow, outflow, inflow - outflow)


def test_every_query_runs_and_is_used(demo_warehouse_master):
    from importlib import resources
    from pathlib import Path

    names = [p.name[:-4] for p in resources.files("dashboard.queries").iterdir() if p.name.endswith(".sql")]
    params = {
        "year_from": 2024,
        "year_to": 2024,
        "months": [1],
        "age_groups": ["18-24"],
        "ags": ["05962060"],
        "all_towns": False,
        "date_from": pd.Timestamp("2024-01-01").date(),
        "date_to": pd.Timestamp("2024-12-31").date(),
        "kind": "report",
        "recipient": "leitung@example.org",
        "subject_key": "2024",
        "town": "05962060",
    }
    source = "\n".join(p.read_text(encoding="utf-8") for p in Path("dashboard").rglob("*.py"))
    with reader(demo_warehouse_master) as con:
        for name in names:
            from dashboard.queries import sql

            wanted = {k: v for k, v in params.items() if f"${k}" in sql(name)}
            assert fetch(con, name, **wanted) is not None
            assert f'"{name}"' in source, f"{name}.sql is not used by any code"
