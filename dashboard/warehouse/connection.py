"""The only place that calls duckdb.connect."""

from __future__ import annotations

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


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only, config=dict(_BASE_CONFIG))
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


@contextmanager
def writer(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection, closed (and so checkpointed) on exit."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path, read_only=False)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def reader(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one batch of queries."""
    con = _connect(path, read_only=True)
    try:
        yield con
    finally:
        con.close()


def data_version(path: Path) -> str:
    """Changes whenever a write reaches the file; cheap enough to call on every rerun."""
    parts = []
    for candidate in (path, path.with_name(path.name + ".wal")):
        if candidate.exists():
            stat = candidate.stat()
            parts.append(f"{stat.st_mtime_ns}-{stat.st_size}")
    return "|".join(parts) or "missing"
