"""A real PostgreSQL cluster for the session (benchmarks/postgres.py: initdb and pg_ctl in a
temporary folder, 127.0.0.1, a free port) and DuckLake warehouses on it, built through the same
init as the file."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from benchmarks import postgres as pg
from dashboard.ingest.init import init_warehouse
from dashboard.warehouse.move import move_to_lake

pytestmark = pytest.mark.lake


@pytest.fixture(scope="session")
def postgres():
    if reason := pg.unavailable():
        pytest.skip(reason)
    with pg.cluster() as cluster:
        yield cluster


def new_lake(postgres: pg.Cluster, folder: Path) -> Path:
    """A new lake with its data in `folder` (DASHBOARD_LAKE_DATA set for its creation)."""
    data = folder / "lake-data"
    os.environ["DASHBOARD_LAKE_DATA"] = str(data)
    return postgres.new_lake(data)


@pytest.fixture(scope="session")
def lake_master(postgres, demo_file_master, tmp_path_factory) -> tuple[Path, str]:
    """The demo warehouse moved onto DuckLake once (`migrate-to-lake`: seconds, where building it
    again takes half a minute; building on the lake is tested by `empty_lake` and the imports)."""
    folder = tmp_path_factory.mktemp("lake")
    lake = new_lake(postgres, folder)
    source = folder / "demo.duckdb"
    shutil.copy(demo_file_master, source)
    started = time.perf_counter()
    move_to_lake(source, lake)
    print(f"demo lake moved in {time.perf_counter() - started:.1f} s")
    return lake, os.environ["DASHBOARD_LAKE_DATA"]


@pytest.fixture
def lake(lake_master, monkeypatch):
    """The session's demo lake, as DASHBOARD_DB of the app and the CLI."""
    path, data = lake_master
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", data)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


@pytest.fixture
def empty_lake(postgres, tmp_path, monkeypatch):
    lake = new_lake(postgres, tmp_path)
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", os.environ["DASHBOARD_LAKE_DATA"])
    init_warehouse(lake, demo=False)
    return lake


@pytest.fixture
def private_lake(postgres, demo_file_master, tmp_path, monkeypatch):
    """A demo lake of the test's own, which it may change (the lake's demo_warehouse)."""
    lake = new_lake(postgres, tmp_path)
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", os.environ["DASHBOARD_LAKE_DATA"])
    source = tmp_path / "demo.duckdb"
    shutil.copy(demo_file_master, source)
    move_to_lake(source, lake)
    return lake
