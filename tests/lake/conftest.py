"""A real PostgreSQL cluster for the session (initdb and pg_ctl in a temporary folder, on
127.0.0.1 and a free port; as the postgres user where the tests run as root, since PostgreSQL
refuses to run as root) and DuckLake warehouses on it, built through the same init as the file."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from dashboard.ingest.init import init_warehouse

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))

pytestmark = pytest.mark.lake


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """(host, port, user) of a running cluster, stopped after the session."""
    if not BINARIES:
        pytest.skip("no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root without a postgres user to run PostgreSQL as (apt-get install postgresql)")
    bin_dir = Path(BINARIES[-1]).parent
    # not under pytest's own temporary folder: the postgres user could not enter root's
    folder = Path(tempfile.mkdtemp(prefix="willkommensmonitor-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port, user = folder / "data", _free_port(), "lake"
    subprocess.run(
        _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", user]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
    subprocess.run(
        _as_postgres(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield {"bin": bin_dir, "port": port, "user": user}
    finally:
        subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), check=False)
        shutil.rmtree(folder, ignore_errors=True)


def new_lake(postgres, folder: Path, monkeypatch=None) -> Path:
    """An empty catalog database and data folder; the warehouse name to pass as --db or DASHBOARD_DB."""
    name = f"lake_{uuid.uuid4().hex[:10]}"
    subprocess.run(
        _as_postgres(
            [
                str(postgres["bin"] / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(postgres["port"]),
                "-U",
                postgres["user"],
                name,
            ]
        ),
        check=True,
        capture_output=True,
    )
    data = folder / "lake-data"
    data.mkdir(parents=True, exist_ok=True)
    os.environ["DASHBOARD_LAKE_DATA"] = str(data)
    return Path(f"ducklake:postgres:dbname={name} host=127.0.0.1 port={postgres['port']} user={postgres['user']}")


@pytest.fixture(scope="session")
def lake_master(postgres, tmp_path_factory) -> tuple[Path, str]:
    """The demo warehouse on DuckLake (built once): its name and data folder."""
    folder = tmp_path_factory.mktemp("lake")
    lake = new_lake(postgres, folder)
    started = time.perf_counter()
    init_warehouse(lake, demo=True)
    print(f"demo lake built in {time.perf_counter() - started:.1f} s")
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
