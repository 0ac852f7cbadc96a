"""Shared fixtures: real DuckDB warehouses built through the same init/import code as the CLI."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from benchmarks import postgres as pg
from dashboard.cli import main
from dashboard.config import TEMPLATES_DIR
from dashboard.ingest.init import init_warehouse
from dashboard.warehouse.checksum import LOG_TABLES, table_checksums
from dashboard.warehouse.connection import LAKE, is_lake, reader
from dashboard.warehouse.move import move_to_lake

# The modules that take a minute or more on two workers (`--durations` of a full run), handed out
# first: `--dist loadfile` runs a module whole on one worker and hands out the modules with the most
# tests first, so a browser module of one long test came last and kept the other worker idle.
SLOWEST_MODULES = (
    "tests/lake/test_hostile_files_on_the_lake.py",
    "tests/lake/again/test_templates_on_the_lake.py",
    "tests/browser/test_round_table_journey.py",
    "tests/browser/test_zuzug_journey.py",
    "tests/browser/test_every_screen.py",
    "tests/browser/test_every_screen_english.py",
    "tests/browser/test_journeys_on_the_lake.py",
    "tests/warehouse/test_kill_during_import.py",
    "tests/pages/test_damaged_warehouse.py",
    "tests/lake/again/test_exports_on_the_lake.py",
    "tests/lake/test_sandbox_on_the_lake.py",
    "tests/lake/test_concurrency.py",
)


def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SlowestModulesFirst(LoadFileScheduling):
        def _assign_work_unit(self, node) -> None:
            for module in reversed(SLOWEST_MODULES):
                if module in self.workqueue:
                    self.workqueue.move_to_end(module, last=False)
            super()._assign_work_unit(node)

    return SlowestModulesFirst(config, log)


def built_once_per_run(tmp_path_factory, worker_id: str, name: str, build: Callable[[Path], object]) -> Path:
    """A warehouse file built once per test run: the first test worker to need it builds it, the
    other waits for it instead of building it again (both share two cores)."""
    run_folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":  # the workers' folders share the run's
        run_folder = run_folder.parent
    path = run_folder / name / f"{name}.duckdb"
    with open(run_folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            building = path.with_name("building.duckdb")
            build(building)
            building.rename(path)
    return path


@pytest.fixture(scope="session")
def demo_file_master(tmp_path_factory, worker_id) -> Path:
    """The demo warehouse as one DuckDB file (15 s to build)."""
    return built_once_per_run(tmp_path_factory, worker_id, "demo", lambda path: init_warehouse(path, demo=True))


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


@pytest.fixture(scope="session")
def empty_file_master(tmp_path_factory) -> Path:
    """A warehouse built by init without demo data, once per session."""
    path = tmp_path_factory.mktemp("empty") / "empty.duckdb"
    init_warehouse(path, demo=False)
    return path


@pytest.fixture
def empty_warehouse(empty_file_master, tmp_path) -> Path:
    """Schema, the 59 towns and the population estimate; no demo data (a copy of the session's)."""
    path = tmp_path / "empty.duckdb"
    shutil.copy(empty_file_master, path)
    return path


def checksums(path: Path) -> dict[str, tuple[int, int]]:
    with reader(path) as con:
        return table_checksums(con)


def stored_state(path: Path) -> dict:
    """What a refused import has to leave as it was: every data table's rows and content hash in a
    file; in a lake, the last snapshot that changed each data table – stricter (a rewrite of equal
    content counts as a change) and a catalog query instead of reading every table (0.35 s each)."""
    if not is_lake(path):
        return checksums(path)
    with reader(path) as con:
        tables = f"select table_id::varchar, table_name from __ducklake_metadata_{LAKE}.ducklake_table"
        names = dict(con.execute(tables).fetchall())
        snapshots = f"select snapshot_id, changes from ducklake_snapshots('{LAKE}') order by snapshot_id"
        last_change = {}
        for snapshot, changes in con.execute(snapshots).fetchall():
            for touched in changes.values():
                for item in touched:
                    last_change[names.get(item, item)] = snapshot
    return {table: snapshot for table, snapshot in last_change.items() if table not in LOG_TABLES}


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


def with_template_campaign(db: Path) -> Path:
    """The template campaign imported, so activity and events have a campaign to refer to."""
    assert main(["--db", str(db), "import", "campaigns", str(TEMPLATES_DIR / "campaigns.csv")]) == 0
    return db


@pytest.fixture(scope="session")
def official_master(tmp_path_factory, worker_id) -> Path:
    return built_once_per_run(tmp_path_factory, worker_id, "official", with_official_files)


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


# ---------- DuckLake: a real PostgreSQL cluster for the session (benchmarks/postgres.py: initdb and
# pg_ctl in a temporary folder, 127.0.0.1, a free port) and lakes on it, built through the same init
# as the file


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


@pytest.fixture(scope="module")
def template_campaign_lake(postgres, empty_lake_master, tmp_path_factory) -> tuple[Path, Path]:
    """One lake for a module's refusals, a copy of the session's lake built by init without demo
    data, with the template campaign imported once: a refused import leaves it as it was (what each
    test checks), so the tests need not copy one each."""
    data = tmp_path_factory.mktemp("refusal-lake") / "lake-data"
    return with_template_campaign(postgres.copy_lake(empty_lake_master, data)), data


@pytest.fixture
def shared_refusal_lake(template_campaign_lake, monkeypatch) -> Path:
    """The module's refusal lake, as the warehouse a test imports into."""
    lake, data = template_campaign_lake
    monkeypatch.setenv("DASHBOARD_LAKE_DATA", str(data))
    return lake
