"""Shared fixtures: real DuckDB warehouses built through the same init/import code as the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.ingest.init import init_warehouse
from dashboard.warehouse.checksum import table_checksums
from dashboard.warehouse.connection import reader


@pytest.fixture(scope="session")
def demo_warehouse_master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("warehouse") / "demo.duckdb"
    init_warehouse(path, demo=True)
    return path


@pytest.fixture(autouse=True)
def no_warehouse_in_data(demo_warehouse_master, monkeypatch):
    """No test builds or changes data/warehouse.duckdb: the app and the CLI default to a copy of
    the demo warehouse unless a test points them elsewhere."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse_master))


@pytest.fixture
def demo_warehouse(demo_warehouse_master, tmp_path) -> Path:
    """A private copy of the demo warehouse that a test may change."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_warehouse_master, path)
    return path


@pytest.fixture
def empty_warehouse(tmp_path) -> Path:
    """Schema, the 59 towns and the population estimate; no demo data."""
    path = tmp_path / "empty.duckdb"
    init_warehouse(path, demo=False)
    return path


def checksums(path: Path) -> dict[str, tuple[int, int]]:
    with reader(path) as con:
        return table_checksums(con)


@pytest.fixture
def samples_dir() -> Path:
    """Real official excerpts and boundaries, copied from ../shared with their source notes
    (tests/data/formats/FORMATS.md, tests/data/geo/SOURCE.md), so the tests run in any clone."""
    return Path(__file__).parent / "data"
