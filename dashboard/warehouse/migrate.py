"""Apply the versioned schema files in order and record each one."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from dashboard.warehouse import peers
from dashboard.warehouse.connection import reader, writer
from dashboard.warehouse.dialect import for_lake, is_lake_connection

_SCHEMA_PACKAGE = "dashboard.warehouse.schema"


def schema_files() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) for every schema file, in version order."""
    files = []
    for entry in resources.files(_SCHEMA_PACKAGE).iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            files.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(files)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    table = (
        "create table if not exists schema_version "
        "(version integer primary key, file_name varchar, applied_at timestamp)"
    )
    con.execute(for_lake(table) if is_lake_connection(con) else table)
    return con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Bring the schema up to date; returns the names of the files applied now."""
    applied = []
    have = current_version(con)
    lake = is_lake_connection(con)
    for version, name, sql in schema_files():
        if version <= have:
            continue
        con.begin()
        try:
            con.execute(for_lake(sql) if lake else sql)
            con.execute(
                "insert into schema_version values ($v, $n, current_timestamp)",
                {"v": version, "n": name},
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        applied.append(name)
    return applied


def latest_version() -> int:
    return schema_files()[-1][0]


def bring_up_to_date(path: Path) -> list[str]:
    """An existing warehouse written by an older release gets the newer schema files (a new column,
    a new table) before anything reads it; nothing is written when it is current."""
    with reader(path) as con:
        known = con.execute(
            "select count(*) from information_schema.tables "
            "where table_name = 'schema_version' and table_catalog = current_database()"
        ).fetchall()[0][0]
        have = con.execute("select coalesce(max(version), 0) from schema_version").fetchall()[0][0] if known else 0
    if have >= latest_version():
        return []
    with writer(path) as con:
        applied = migrate(con)
        con.begin()
        peers.refresh(con)  # derived tables a newer release added are filled from the stored data
        con.commit()
        return applied
