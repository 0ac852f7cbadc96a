"""Rows of an import that never committed, removed before the warehouse is read or written again.

DuckDB 1.5 writes a large append into the database file while its transaction runs; a kill -9
during the commit can bring those rows back on the next start without the rest of the transaction
(its log row, the rollup, the rows it replaced) – duckdb/duckdb#25931, seen here once in the kill
test. Every stored row carries the id of a logged import (imports log in the same transaction), so
rows whose import_id is not in import_log are exactly such leftovers, and removing them restores
the state before that import."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard.warehouse.connection import reader, writer

_TABLES = """
    select table_name from information_schema.columns
    where column_name = 'import_id' and table_name <> 'import_log' and table_catalog = current_database()
    order by table_name"""
_LEFTOVER = "import_id is not null and import_id not in (select import_id from import_log)"


def _tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in con.execute(_TABLES).fetchall()]


def uncommitted_rows(con: duckdb.DuckDBPyConnection) -> int:
    return sum(con.execute(f"select count(*) from {t} where {_LEFTOVER}").fetchall()[0][0] for t in _tables(con))


def drop_uncommitted_rows(con: duckdb.DuckDBPyConnection) -> int:
    """Inside the caller's transaction (an import's, before it takes its import id)."""
    dropped = 0
    for table in _tables(con):
        dropped += con.execute(f"delete from {table} where {_LEFTOVER}").fetchall()[0][0]
    return dropped


def recover(path: Path) -> int:
    """The leftover rows removed in one transaction; nothing is written when there are none."""
    with reader(path) as con:
        if not uncommitted_rows(con):
            return 0
    with writer(path) as con:
        con.begin()
        dropped = drop_uncommitted_rows(con)
        con.commit()
        return dropped
