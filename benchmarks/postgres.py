"""A throwaway PostgreSQL cluster for DuckLake (the lake tests and benchmarks/lake.py): initdb and
pg_ctl in a temporary folder, on 127.0.0.1 and a free port, as the postgres user where the caller
is root (PostgreSQL refuses to run as root); and new lakes (a catalog database each) on it."""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BINARIES = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
USER = "lake"


def unavailable() -> str | None:
    """Why no cluster can be started here, or None."""
    if not BINARIES:
        return "no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a postgres user to run PostgreSQL as (apt-get install postgresql)"
    return None


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Cluster:
    bin_dir: Path
    port: int

    def new_lake(self, data_folder: Path) -> Path:
        """A fresh catalog database; the warehouse name for --db or DASHBOARD_DB (its data folder
        goes in DASHBOARD_LAKE_DATA when the lake is created)."""
        name = f"lake_{uuid.uuid4().hex[:10]}"
        self._client("createdb", name)
        data_folder.mkdir(parents=True, exist_ok=True)
        return self._spec(name)

    def copy_lake(self, lake: Path, data_folder: Path) -> Path:
        """A copy of `lake` (its catalog database and its data folder into `data_folder`) in a
        fraction of the time building it again takes. Nothing may be attached to `lake` meanwhile:
        PostgreSQL copies a database only while no one is connected to it."""
        source = re.search(r"dbname=(\S+)", str(lake)).group(1)
        name = f"lake_{uuid.uuid4().hex[:10]}"
        self._client("createdb", "-T", source, name)
        stored = self._client(
            "psql", "-d", source, "-Atc", "select value from ducklake_metadata where key = 'data_path'"
        )
        shutil.copytree(stored.strip(), data_folder)
        # a lake's files are stored relative to its data path: pointing the copy at its own folder is enough
        target = str(data_folder.resolve()).replace("'", "''") + "/"
        self._client(
            "psql", "-d", name, "-c", f"update ducklake_metadata set value = '{target}' where key = 'data_path'"
        )
        return self._spec(name)

    def _spec(self, name: str) -> Path:
        return Path(f"ducklake:postgres:dbname={name} host=127.0.0.1 port={self.port} user={USER}")

    def _client(self, program: str, *arguments: str) -> str:
        command = [str(self.bin_dir / program), "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, *arguments]
        return subprocess.run(_as_postgres(command), check=True, capture_output=True, text=True).stdout


@contextmanager
def cluster() -> Iterator[Cluster]:
    """A running cluster, stopped and removed afterwards."""
    bin_dir = Path(BINARIES[-1]).parent
    # not under a folder of root's (pytest's temporary ones): the postgres user could not enter it
    folder = Path(tempfile.mkdtemp(prefix="willkommensmonitor-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    try:
        subprocess.run(
            _as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER]),
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
        yield Cluster(bin_dir, port)
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
