"""The only place that calls duckdb.connect."""

from __future__ import annotations

import atexit
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

# No extension may be fetched at run time: the app must work offline.
_BASE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# A writer elsewhere holds the file lock (another import, or the CLI while the app writes):
# wait this long in total before giving up with a clear message.
LOCK_WAIT_SECONDS = 30.0


class WarehouseBusy(RuntimeError):
    """The warehouse file stayed locked by another process for too long."""


def open_connection(path: Path, read_only: bool, config: dict | None = None) -> duckdb.DuckDBPyConnection:
    """A connection, waiting while another process holds the write lock (`config` adds settings)."""
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


_readers: dict[Path, SharedReader] = {}
_readers_lock = threading.Lock()


@atexit.register
def _close_readers() -> None:
    for shared in list(_readers.values()):
        shared.release()


def _shared(path: Path) -> SharedReader:
    with _readers_lock:
        return _readers.setdefault(path.resolve(), SharedReader(path.resolve()))


@contextmanager
def writer(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection, closed (and so checkpointed) on exit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _shared(path).writing() as con:
        yield con


@contextmanager
def reader(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only cursor for one batch of queries, on this process's shared instance."""
    with _shared(path).cursor() as cursor:
        yield cursor


def data_version(path: Path) -> str:
    """Changes whenever a write reaches the file; cheap enough to call on every rerun."""
    parts = []
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            stat = candidate.stat()
            parts.append(f"{stat.st_mtime_ns}-{stat.st_size}")
    return "|".join(parts) or "missing"
