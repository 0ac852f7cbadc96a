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
def lake_master(postgres, demo_file_master, tmp_path_factory) -> tuple[Path, str, Path]:
    """The demo warehouse moved onto DuckLake once (`migrate-to-lake`: seconds, where building it
    again takes half a minute; building on the lake is tested by the imports and by `empty_lake`'s
    master), with an untouched copy the private lakes are copied from: PostgreSQL copies a
    catalog only while nothing is attached to it, and the session's lake is attached by the app."""
    folder = tmp_path_factory.mktemp("lake")
    lake = new_lake(postgres, folder)
    source = folder / "demo.duckdb"
    shutil.copy(demo_file_master, source)
    started = time.perf_counter()
    move_to_lake(source, lake)
    print(f"demo lake moved in {time.perf_counter() - started:.1f} s")
    return lake, os.environ["DASHBOARD_LAKE_DATA"], postgres.copy_lake(lake, folder / "untouched-data")


@pytest.fixture
def lake(lake_master, monkeypatch):
    """The session's demo lake, as DASHBOARD_DB of the app and the CLI."""
    path, data, _ = lake_master
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", data)
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


@pytest.fixture(scope="session")
def empty_lake_master(postgres, tmp_path_factory) -> Path:
    """A lake built by the same init as the file, once; never attached again, so it can be copied."""
    lake = new_lake(postgres, tmp_path_factory.mktemp("empty-lake"))
    init_warehouse(lake, demo=False)
    return lake


def _own_copy(postgres: pg.Cluster, master: Path, folder: Path, monkeypatch) -> Path:
    data = folder / "lake-data"
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(data))
    return postgres.copy_lake(master, data)


@pytest.fixture
def empty_lake(postgres, empty_lake_master, tmp_path, monkeypatch):
    """A lake without demo data of the test's own (a copy of the session's freshly built one)."""
    return _own_copy(postgres, empty_lake_master, tmp_path, monkeypatch)


@pytest.fixture
def private_lake(postgres, lake_master, tmp_path, monkeypatch):
    """A demo lake of the test's own, which it may change (the lake's demo_warehouse)."""
    return _own_copy(postgres, lake_master[2], tmp_path, monkeypatch)
