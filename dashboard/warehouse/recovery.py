"""Rows of an import that never committed, removed before the warehouse is read or written again.

DuckDB 1.5 writes a large append into the database file while its transaction runs; a kill -9
during the commit can bring those rows back on the next start without the rest of the transaction
(its log row, the rollup, the rows it replaced) – duckdb/duckdb#25931, seen here once in the kill
test. Every stored row carries the id of a logged import (imports log in the same transaction), so
rows above the last import id taken are exactly such leftovers (their transaction's counter update
was lost with it), and removing them restores the state before that import. Compared by the id
alone, the check skips every block of stored rows by its min/max statistics instead of scanning them."""

from __future__ import annotations

from pathlib import Path

import duckdb

from dashboard.warehouse.connection import reader, writer

_TABLES = """
    select table_name from information_schema.columns
    where column_name = 'import_id' and table_name <> 'import_log' and table_catalog = current_database()
    order by table_name"""
# The last import id taken (columns of import_counter): the counter, or the log where an older
# warehouse's counter lags it. journal.next_import_id takes the one after it.
LAST_IMPORT_ID = "greatest(last_import_id, (select coalesce(max(import_id), 0) from import_log))"


def _leftovers(con: duckdb.DuckDBPyConnection, statement: str) -> int:
    """`statement` ("select count(*)" or "delete") run on the rows above the last import id taken."""
    last = con.execute(f"select {LAST_IMPORT_ID} from import_counter").fetchall()[0][0]
    tables = [row[0] for row in con.execute(_TABLES).fetchall()]
    return sum(
        con.execute(f"{statement} from {table} where import_id > $last", {"last": last}).fetchall()[0][0]
        for table in tables
    )


def uncommitted_rows(con: duckdb.DuckDBPyConnection) -> int:
    return _leftovers(con, "select count(*)")


def drop_uncommitted_rows(con: duckdb.DuckDBPyConnection) -> int:
    """Inside the caller's transaction (an import's, before it takes its import id)."""
    return _leftovers(con, "delete")


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
