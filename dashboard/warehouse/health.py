"""A warehouse file that cannot be read (cut off, overwritten, not a DuckDB file): found before
anything builds on it, and set aside – never overwritten – so that it can still be examined or
restored, while a new warehouse is built from data/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from dashboard.warehouse.connection import WarehouseBusy, exists, is_lake, reader, shown


def damage(path: Path) -> str | None:
    """Why the warehouse file cannot be used, or None when it opens and has its schema."""
    try:
        if not exists(path):  # not built yet
            return None
        with reader(path) as con:
            con.execute("select count(*) from schema_version").fetchall()
            con.execute("select count(*) from import_log").fetchall()
    except WarehouseBusy:
        return None  # another process writes: busy, not damaged
    except duckdb.Error as error:
        text = shown(str(error).splitlines()[0])  # a lake's error may quote its connection string
        return None if "lock" in text.lower() else text
    return None


def can_set_aside(path: Path) -> bool:
    """A file can be renamed; a lake is the catalog's and its administrators' to repair."""
    return not is_lake(path)


def set_aside(path: Path, now: dt.datetime | None = None) -> Path:
    """Rename the damaged file (and its WAL) to `<name>.damaged-<time>`; returns the new name."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    path.rename(target)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.rename(target.with_name(target.name + ".wal"))
    return target
