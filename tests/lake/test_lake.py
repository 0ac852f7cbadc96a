"""The same warehouse on DuckLake (PostgreSQL catalog, Parquet data): the demo moves onto it and a
new lake builds from data/, every page's data equal those of the file, imports and refusals behave
as on the file, the sandbox reads the lake and nothing else, and the app runs on it."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.service.campaigns import campaign_outcome
from dashboard.service.flows import flows_data
from dashboard.service.inflow import inflow_data
from dashboard.service.peers import peers_of
from dashboard.service.reference import load_reference
from dashboard.service.selection import Selection
from dashboard.warehouse.connection import data_version, reader
from tests.conftest import checksums, stored_state

pytestmark = pytest.mark.lake

SELECTION = Selection(2023, 2025)
OLPE, WERDOHL = "05966024", "05962060"


def test_every_table_holds_what_the_file_holds(lake, demo_file_master):
    assert checksums(lake) == checksums(demo_file_master)


def test_page_data_on_the_lake_equal_those_on_the_file(lake, demo_file_master):
    figures = []
    for db in (demo_file_master, lake):
        reference = load_reference(db)
        inflow = inflow_data(db, reference, SELECTION, (WERDOHL,))
        flows = flows_data(db, reference, SELECTION, OLPE)
        outcome = campaign_outcome(db, reference, "medizin-pflege")
        figures.append(
            (
                inflow.town_table.sort_values("ags").reset_index(drop=True),
                inflow.comparison.sort_values(["year", "ags"]).reset_index(drop=True),
                flows.origins,
                flows.balance,
                outcome.town_weighted,
                outcome.comparison,
                peers_of(db, WERDOHL).towns,
            )
        )
    file, on_lake = figures
    for left, right in zip(file, on_lake, strict=True):
        if isinstance(left, pd.DataFrame):
            pd.testing.assert_frame_equal(left, right, check_dtype=False)
        else:
            assert left == right


def test_a_refused_import_leaves_the_data_and_an_import_shows_in_the_next_version(empty_lake, tmp_path, capsys):
    with reader(empty_lake) as con:  # built by init on the lake: schema, the 59 towns, the census
        assert con.execute("select count(*) from municipality").fetchall() == [(59,)]
        assert con.execute("select count(*) from population").fetchall() == [(59,)]
    before, version, state = checksums(empty_lake), data_version(empty_lake), stored_state(empty_lake)
    broken = tmp_path / "broken.csv"
    broken.write_text("ags,month,handed_out\n05962060,2024-01,-3\n", encoding="utf-8")
    assert main(["--db", str(empty_lake), "import", "welcome-bags", str(broken)]) == 2
    assert "Zeile 2, Spalte handed_out" in capsys.readouterr().err
    assert checksums(empty_lake) == before  # only the log has the refusal
    assert stored_state(empty_lake) == state  # what the hostile-file tests compare on the lake
    good = tmp_path / "good.csv"
    good.write_text("ags,month,handed_out\n05962060,2024-01,31\n05962060,2024-02,27\n", encoding="utf-8")
    assert main(["--db", str(empty_lake), "import", "welcome-bags", str(good)]) == 0
    assert data_version(empty_lake) != version
    assert stored_state(empty_lake) == {**state, "welcome_bag": stored_state(empty_lake)["welcome_bag"]} != state
    with reader(empty_lake) as con:
        assert con.execute("select sum(handed_out) from welcome_bag").fetchall()[0][0] == 58
        logged = con.execute("select import_id, status from import_log order by import_id").fetchall()
    assert [status for _, status in logged][-2:] == ["refused", "ok"]
    assert len({import_id for import_id, _ in logged}) == len(logged)


def test_the_sandbox_reads_the_lake_and_nothing_else(lake):
    for sql, refused in [
        ("select count(*) as towns from municipality", False),
        ("select * from read_csv('/etc/passwd')", True),
        ("insert into welcome_bag values ('05962060', date '2024-01-01', 1, 1)", True),
        ("attach '/tmp/other.duckdb' as other", True),
    ]:
        assert main(["query", sql]) == (2 if refused else 0), sql


def test_every_page_and_every_tab_runs_on_the_lake(lake):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import APP, PAGES, visit_every_tab

    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception and not at.error, (page, [e.value for e in at.exception or at.error])
        visit_every_tab(at, page)
    at.switch_page("views/inflow.py").run()
    assert at.metric  # the figures are drawn


def test_the_sandbox_connection_itself_cannot_leave_the_lake(lake):
    """Below the statement check: the sandbox's own connection reads the lake, no other file, and
    cannot write to it or its catalog."""
    import duckdb

    from dashboard.warehouse.connection import open_connection
    from dashboard.warehouse.sandbox import _SANDBOX_CONFIG

    con = open_connection(lake, read_only=True, config=_SANDBOX_CONFIG)
    try:
        assert con.execute("select count(*) from municipality").fetchall() == [(59,)]
        for sql in [
            "select * from read_csv('/etc/passwd')",
            "copy (select 1) to '/tmp/escape.csv'",
            "insert into welcome_bag values ('05962060', date '2024-01-01', 1, 1)",
            "create table __ducklake_metadata_lake.evil (a integer)",
            "set enable_external_access = true",
        ]:
            with pytest.raises(duckdb.Error):
                con.execute(sql)
    finally:
        con.close()


def test_a_warehouse_file_moves_into_a_new_lake(postgres, demo_warehouse, tmp_path, monkeypatch, capsys):
    from tests.conftest import new_lake

    target = new_lake(postgres, tmp_path)
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(tmp_path / "lake-data"))
    before = checksums(demo_warehouse)
    assert main(["--db", str(demo_warehouse), "migrate-to-lake", "--to", str(target)]) == 0
    assert "Tabellen" in capsys.readouterr().out
    assert checksums(target) == before and checksums(demo_warehouse) == before  # the file is only read
    with reader(demo_warehouse) as file, reader(target) as on_lake:
        query = "select count(*), max(import_id) from import_log"
        assert file.execute(query).fetchall() == on_lake.execute(query).fetchall()
    assert main(["--db", str(demo_warehouse), "migrate-to-lake", "--to", str(target)]) == 2  # not twice


def test_a_lakes_password_is_never_shown(postgres, tmp_path, monkeypatch, capsys):
    from dashboard.warehouse.connection import shown

    assert shown("ducklake:postgres:dbname=lake host=db user=lake password=geheim") == (
        "ducklake:postgres:dbname=lake host=db user=lake password=***"
    )
    wrong = f"ducklake:postgres:dbname=nowhere host=127.0.0.1 port={postgres.port} user=lake password=geheim"
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(tmp_path / "data"))
    main(["--db", wrong, "query", "select 1"])
    captured = capsys.readouterr()
    assert "geheim" not in captured.err + captured.out


def test_an_existing_lake_reads_the_data_its_catalog_names_whatever_the_setting_says(lake, tmp_path, monkeypatch):
    """DASHBOARD_LAKE_DATA is for creating a lake: a process started with another folder in it (a
    second lake's, a typo) still reads and writes the files the catalog names, and creates none."""
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(elsewhere))
    with reader(lake) as con:
        assert con.execute("select count(*) from municipality").fetchall() == [(59,)]
    assert main(["query", "select count(*) as towns from municipality"]) == 0
    assert not elsewhere.exists()


def test_a_new_lake_without_a_data_folder_is_refused_with_the_setting_to_name(postgres, tmp_path, monkeypatch, capsys):
    from tests.conftest import new_lake

    target = new_lake(postgres, tmp_path)
    monkeypatch.delenv("DASHBOARD_LAKE_DATA")
    assert main(["--db", str(target), "init", "--no-demo"]) == 2
    said = capsys.readouterr().err
    assert "DASHBOARD_LAKE_DATA" in said and "Traceback" not in said and "dbname=" in said
    assert main(["--lang", "en", "--db", str(target), "init", "--no-demo"]) == 2
    assert "names no folder for its data" in capsys.readouterr().err


def test_the_app_on_a_new_lake_without_a_data_folder_says_which_setting_is_missing(postgres, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import new_lake
    from tests.pages.conftest import APP

    monkeypatch.setenv("DASHBOARD_DB", str(new_lake(postgres, tmp_path)))
    monkeypatch.delenv("DASHBOARD_LAKE_DATA")
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception
    assert any("DASHBOARD_LAKE_DATA" in e.value for e in at.error)
