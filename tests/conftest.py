"""Shared fixtures: real DuckDB warehouses built through the same init/import code as the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.ingest.init import init_warehouse
from dashboard.warehouse.checksum import table_checksums
from dashboard.warehouse.connection import reader


@pytest.fixture(scope="session")
def demo_file_master(tmp_path_factory) -> Path:
    """The demo warehouse as one DuckDB file, built once per session."""
    path = tmp_path_factory.mktemp("warehouse") / "demo.duckdb"
    init_warehouse(path, demo=True)
    return path


@pytest.fixture(scope="session")
def demo_warehouse_master(demo_file_master) -> Path:
    """The demo warehouse that tests only read: the file here, the demo lake where tests/lake runs
    a module of the suite once more on DuckLake."""
    return demo_file_master


@pytest.fixture(autouse=True)
def no_warehouse_in_data(demo_warehouse_master, monkeypatch):
    """No test builds or changes data/warehouse.duckdb: the app and the CLI default to a copy of
    the demo warehouse unless a test points them elsewhere."""
    monkeypatch.setenv("DASHBOARD_DB", str(demo_warehouse_master))


@pytest.fixture
def demo_warehouse(demo_file_master, tmp_path) -> Path:
    """A private copy of the demo warehouse that a test may change."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_file_master, path)
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


# ---------- warehouses an agency starts with: official tables only, and demo plus official migration

OFFICIAL = Path(__file__).parent / "data" / "official"
MIGRATION_FILES = [
    "12711-01-03-5_2015_genesis-tabelle_utf8.csv",
    "12711-01-03-5_2016-2017_tabelle_cp1252.csv",
    "12711_2018_flat.csv",
]
POPULATION_FILES = [
    "12411-01-01-5_2014-2018_stichtage_in_spalten.csv",
    "12411-halbjahr_30-06_2019-2020.csv",
    "zensus2022_1000A-0000_gemeinden_flat.csv",
]
SECRET_TOWN, SECRET_YEAR = "05962004", 2016  # Altena's out-migration of 2016 is "." in the file


@pytest.fixture(scope="session")
def official_master(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("official") / "official.duckdb"
    return with_official_files(db)


def with_official_files(db: Path) -> Path:
    """A new warehouse (file or lake) without demo data, every official fixture file imported by the CLI."""
    assert main(["--db", str(db), "init", "--no-demo"]) == 0
    for name in MIGRATION_FILES + POPULATION_FILES:
        assert (
            main(
                [
                    "--db",
                    str(db),
                    "import",
                    "genesis" if name.startswith("12711") else "population",
                    str(OFFICIAL / name),
                ]
            )
            == 0
        ), name
    return db


@pytest.fixture
def official_warehouse(official_master, tmp_path, monkeypatch) -> Path:
    db = tmp_path / "official.duckdb"
    shutil.copy(official_master, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


@pytest.fixture(scope="session")
def mixed_master(demo_file_master, tmp_path_factory) -> Path:
    """The demo warehouse after importing official migration for 2016–2017 (demo population stays)."""
    db = tmp_path_factory.mktemp("mixed") / "mixed.duckdb"
    shutil.copy(demo_file_master, db)
    assert main(["--db", str(db), "import", "genesis", str(OFFICIAL / MIGRATION_FILES[1])]) == 0
    return db


@pytest.fixture
def mixed_warehouse(mixed_master, tmp_path, monkeypatch) -> Path:
    db = tmp_path / "mixed.duckdb"
    shutil.copy(mixed_master, db)
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    return db


@pytest.fixture(scope="session")
def truth() -> pd.DataFrame:
    """Every migration figure the official fixture files carry (ags, year, direction, sex, age_group, persons)."""
    return pd.read_csv(OFFICIAL / "truth.csv", dtype={"ags": str})


@pytest.fixture(scope="session")
def population_truth() -> pd.DataFrame:
    return pd.read_csv(OFFICIAL / "population_truth.csv", dtype={"ags": str})
