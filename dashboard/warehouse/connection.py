"""The only place that calls duckdb.connect, for both backends: the embedded default (one DuckDB
file) and DuckLake (its catalog in PostgreSQL, its data as Parquet files in a folder), chosen by
the warehouse's name: `ducklake:postgres:dbname=… host=…` (data folder in DASHBOARD_LAKE_DATA).
Nothing above this module knows which backend it is."""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

# No extension may be fetched at run time: the app must work offline.
_BASE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# A writer elsewhere holds the file lock (another import, or the CLI while the app writes):
# wait this long in total before giving up with a clear message.
LOCK_WAIT_SECONDS = 30.0


class WarehouseBusy(RuntimeError):
    """The warehouse file stayed locked by another process for too long."""


LAKE_PREFIX = "ducklake:"
LAKE = "lake"  # the lake's name inside every connection (USE lake: queries name tables as before)
LAKE_DATA_ENV = "DASHBOARD_LAKE_DATA"


class LakeNotConfigured(RuntimeError):
    """A DuckLake warehouse was named without the folder for its data files."""


def is_lake(path: Path | str) -> bool:
    return str(path).startswith(LAKE_PREFIX)


_SECRET = re.compile(r"(password\s*=\s*)\S+", re.IGNORECASE)


def shown(path: Path | str) -> str:
    """The warehouse's name as it may be shown or printed: a lake's password masked."""
    return _SECRET.sub(r"\1***", str(path))


def lake_data_path() -> str | None:
    """The folder for a new lake's data files (DASHBOARD_LAKE_DATA); an existing lake keeps the
    one it was created with in its catalog, so processes that only attach need none."""
    folder = os.environ.get(LAKE_DATA_ENV)
    return str(Path(folder).resolve()) + "/" if folder else None


def _extension(package: str, name: str) -> str:
    """An extension file from its PyPI package (duckdb-extension-NAME), loadable offline. The
    postgres extension must be loaded under the name DuckDB knows it by, postgres_scanner."""
    version = f"v{duckdb.__version__}"
    shipped = resources.files(f"duckdb_extension_{package}").joinpath(
        "extensions", version, f"{package}.duckdb_extension"
    )
    if name == package:
        return str(shipped)
    folder = Path(tempfile.gettempdir()) / f"willkommensmonitor-extensions-{version}"
    target = folder / f"{name}.duckdb_extension"
    if not target.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.part")
        shutil.copyfile(str(shipped), partial)
        partial.replace(target)  # atomic: another process may be copying it too
    return str(target)


_LOCKED_LATER = ("enable_external_access", "lock_configuration")


def _open_lake(spec: str, read_only: bool, config: dict) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached and in use. A sandbox's settings (no external
    access, locked configuration) can only follow the attach: the lake's data folder stays the
    one directory it may read."""
    con = duckdb.connect(
        ":memory:", config={**_BASE_CONFIG, **{k: v for k, v in config.items() if k not in _LOCKED_LATER}}
    )
    try:
        con.execute(f"LOAD '{_extension('ducklake', 'ducklake')}'")
        con.execute(f"LOAD '{_extension('postgres', 'postgres_scanner')}'")
        name = spec.replace("'", "''")
        # an existing lake is attached with the data folder its catalog names: a process whose
        # DASHBOARD_LAKE_DATA differs (another lake's, a typo) still reads the right files
        try:
            con.execute(f"ATTACH '{name}' AS {LAKE}" + (" (READ_ONLY)" if read_only else ""))
        except duckdb.InvalidInputException as error:
            if read_only or not ("does not exist" in str(error) or "data_path is not set" in str(error)):
                raise
            data = lake_data_path()
            if data is None:
                raise LakeNotConfigured(
                    f"{LAKE_DATA_ENV} nennt den Ordner für die Daten eines neuen Lakes nicht (z. B. /srv/lake/daten)"
                ) from error
            Path(data).mkdir(parents=True, exist_ok=True)
            con.execute(f"ATTACH '{name}' AS {LAKE} (DATA_PATH '{data}')")
        con.execute(f"USE {LAKE}")
        if config.get("enable_external_access") is False:
            stored = con.execute(
                f"select value from __ducklake_metadata_{LAKE}.ducklake_metadata where key = 'data_path'"
            ).fetchall()
            con.execute("SET allowed_directories = $folders", {"folders": [row[0] for row in stored]})
            con.execute("SET enable_external_access = false")
        if config.get("lock_configuration"):
            con.execute("SET lock_configuration = true")
    except Exception:
        con.close()
        raise
    return con


def open_connection(path: Path, read_only: bool, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A connection, waiting while another process holds the write lock (`config` adds settings)."""
    if is_lake(path):
        return _open_lake(str(path), read_only, config or {})
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config={**_BASE_CONFIG, **(config or {})})
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                if "lock" in str(error).lower():
                    raise WarehouseBusy(
                        f"Warehouse {path} ist durch einen anderen Prozess gesperrt "
                        f"(nach {LOCK_WAIT_SECONDS:.0f} s aufgegeben)"
                    ) from error
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


# A shared read-only instance is closed after this many idle seconds, so that another process
# (the CLI importing while the app runs) can take the write lock.
READER_IDLE_SECONDS = 5.0


class SharedReader:
    """One read-only DuckDB instance per warehouse file in this process; each use gets its own
    cursor (a connection is not thread-safe). Opening costs ~30 ms, so it is kept while in use."""

    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_use = 0.0
        self._watcher: threading.Thread | None = None
        # while this process writes, readers use cursors of the writing connection: DuckDB allows
        # no read-only instance beside it, and a cursor sees only committed data (the state
        # before the import until it commits)
        self._write_lock = threading.Lock()
        self._writer: duckdb.DuckDBPyConnection | None = None
        self._opening_writer = False

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            while self._opening_writer:
                self._lock.wait()
            if self._writer is not None:
                source = self._writer
            else:
                if self._con is None:
                    self._con = open_connection(self.path, read_only=True)
                    self._start_watcher()
                source = self._con
            self._users += 1
            cursor = source.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            with self._lock:
                self._users -= 1
                self._last_use = time.monotonic()
                self._lock.notify_all()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The read-write connection; writes in this process take turns, reads go on."""
        with self._write_lock:
            with self._lock:
                self._opening_writer = True  # new readers wait from here on
                self.release()
            try:
                con = open_connection(self.path, read_only=False)
            finally:
                with self._lock:
                    self._opening_writer = False
                    self._lock.notify_all()
            with self._lock:
                self._writer = con
                self._lock.notify_all()
            try:
                yield con
            finally:
                with self._lock:
                    self._writer = None
                    while self._users:  # cursors of the writer must finish before it closes
                        self._lock.wait()
                con.close()

    def release(self) -> None:
        """Close the read-only instance once no query uses it (before this process writes, and at exit)."""
        with self._lock:
            while self._users:
                self._lock.wait()
            if self._con is not None:
                self._con.close()
                self._con = None

    def _start_watcher(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._close_when_idle, daemon=True)
            self._watcher.start()

    def _close_when_idle(self) -> None:
        while True:
            time.sleep(READER_IDLE_SECONDS / 5)
            with self._lock:
                if self._con is None:
                    return
                if not self._users and time.monotonic() - self._last_use > READER_IDLE_SECONDS:
                    self._con.close()
                    self._con = None
                    return


class SharedLake:
    """One read-only lake connection per process for reads (a cursor each, every query on the
    latest snapshot); each write opens its own read-write connection: DuckLake lets many
    processes write at once with snapshot isolation, so there is no lock to take turns on."""

    def __init__(self, spec: str):
        self.path = Path(spec)
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock:
            if self._con is None:
                self._con = open_connection(self.path, read_only=True)
            cursor = self._con.cursor()
        cursor.execute(f"USE {LAKE}")  # a cursor starts in the default catalog, not the connection's
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def writing(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = open_connection(self.path, read_only=False)
        try:
            yield con
        finally:
            con.close()

    def release(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


_readers: dict[Path | str, SharedReader | SharedLake] = {}
_readers_lock = threading.Lock()


@atexit.register
def _close_readers() -> None:
    for shared in list(_readers.values()):
        shared.release()


def _shared(path: Path) -> SharedReader | SharedLake:
    with _readers_lock:
        if is_lake(path):
            return _readers.setdefault(str(path), SharedLake(str(path)))
        return _readers.setdefault(path.resolve(), SharedReader(path.resolve()))


@contextmanager
def writer(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection, closed (and so checkpointed) on exit."""
    if not is_lake(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    with _shared(path).writing() as con:
        yield con


@contextmanager
def reader(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor for one batch of queries, on this process's shared instance."""
    with _shared(path).cursor() as cursor:
        yield cursor


def exists(path: Path) -> bool:
    """The warehouse has been built: its file exists, or the lake's catalog holds its schema."""
    if not is_lake(path):
        return path.exists()
    try:
        with reader(path) as con:
            found = con.execute(
                "select count(*) from duckdb_tables() where database_name = $lake and table_name = 'schema_version'",
                {"lake": LAKE},
            ).fetchall()[0][0]
    except duckdb.InvalidInputException as error:
        if "does not exist" in str(error):  # a new lake: its catalog holds nothing yet
            return False
        raise
    return bool(found)


def data_version(path: Path) -> str:
    """Changes whenever a write reaches the file (or a commit the lake: its latest snapshot, which
    every process sees); cheap enough to call on every rerun."""
    if is_lake(path):
        with reader(path) as con:
            return f"lake-{con.execute(f'select max(snapshot_id) from ducklake_snapshots({LAKE!r})').fetchall()[0][0]}"
    parts = []
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            stat = candidate.stat()
            parts.append(f"{stat.st_mtime_ns}-{stat.st_size}")
    return "|".join(parts) or "missing"
