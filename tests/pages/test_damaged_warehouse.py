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
