"""A damaged warehouse (cut off, random bytes): the app shows a page that says what happened and
how to rebuild, without a traceback or a server path; rebuilding sets the damaged file aside
instead of overwriting it; the command line says the same and `init` rebuilds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dashboard.cli import main
from tests.pages.conftest import APP


def _damaged(master: Path, folder: Path, how: str) -> Path:
    path = folder / "warehouse.duckdb"
    if how == "cut_off":
        data = master.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    else:
        path.write_bytes(os.urandom(300_000))
    return path


@pytest.fixture(params=["cut_off", "random_bytes"])
def damaged(request, demo_warehouse_master, tmp_path, monkeypatch) -> Path:
    path = _damaged(demo_warehouse_master, tmp_path, request.param)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


def test_the_app_shows_what_happened_and_rebuilds_beside_the_damaged_file(damaged):
    from streamlit.testing.v1 import AppTest

    original = damaged.read_bytes()
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception
    assert at.title[0].value == "Das Warehouse lässt sich nicht lesen"
    shown = " ".join(e.value for e in [*at.error, *at.markdown, *at.caption])
    assert "warehouse.duckdb" in shown and "Sicherung" in shown and "python -m dashboard init" in shown
    assert str(damaged.parent) not in shown and "Traceback" not in shown
    assert damaged.read_bytes() == original  # nothing was touched yet
    at.button(key="rebuild").click().run()
    assert not at.exception
    kept = list(damaged.parent.glob("warehouse.duckdb.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert at.title[0].value == "Überblick"


def test_the_command_line_names_the_damage_and_init_sets_it_aside(damaged, capsys):
    original = damaged.read_bytes()
    assert main(["--db", str(damaged), "query", "select 1"]) == 2
    err = capsys.readouterr().err
    assert "lässt sich nicht lesen" in err and "python -m dashboard init" in err and "Traceback" not in err
    assert damaged.read_bytes() == original
    assert main(["--db", str(damaged), "init", "--no-demo"]) == 0
    assert "beiseitegelegt als warehouse.duckdb.damaged-" in capsys.readouterr().err
    kept = list(damaged.parent.glob("warehouse.duckdb.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == original
    assert main(["--db", str(damaged), "query", "select count(*) as n from municipality"]) == 0
    assert "59" in capsys.readouterr().out
    shutil.rmtree(damaged.parent, ignore_errors=True)


def test_a_warehouse_of_an_older_release_is_brought_up_to_date_on_start(demo_warehouse, monkeypatch):
    """A warehouse written before schema 008 (no import_log.message_code, no flows, no peer groups):
    the app adds the column and the tables on start instead of failing on the Daten page's history,
    fills the peer groups from the stored data, and the data stay as they were."""
    import duckdb

    from dashboard.warehouse.connection import reader
    from dashboard.warehouse.migrate import latest_version
    from tests.conftest import checksums
    from tests.pages.conftest import open_app

    with duckdb.connect(str(demo_warehouse)) as con:
        con.execute("alter table import_log drop column message_code")
        for table in ("flow", "peer", "peer_input", "peer_run", "import_counter"):
            con.execute(f"drop table {table}")
        con.execute("delete from schema_version where version >= 8")
    derived = ("import_log", "peer", "peer_input", "peer_run", "flow", "import_counter")
    before = {table: rows for table, rows in checksums(demo_warehouse).items() if table not in derived}
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse))
    at = open_app("views/data.py", lang="en")
    history = next(frame.value for frame in at.dataframe if "registrations_2025.csv" in frame.value.to_string())
    assert "Zeilen importiert" in history.to_string()  # older rows keep their German text
    with reader(demo_warehouse) as con:  # the app's own shared instance in this process
        assert con.execute("select max(version) from schema_version").fetchall()[0][0] == latest_version()
        assert con.execute("select count(*) from import_log where message_code is null").fetchall()[0][0] > 0
        assert con.execute("select count(distinct ags) from peer").fetchall()[0][0] == 59
    after = {table: rows for table, rows in checksums(demo_warehouse).items() if table not in derived}
    assert after == before
