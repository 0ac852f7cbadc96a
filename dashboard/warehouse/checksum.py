"""Row counts and content checksums per table: proves that a refused import changed nothing."""

from __future__ import annotations

import hashlib

import duckdb

# The logs record refusals and sent mail by design (and when the peer groups were last computed,
# and the last import id): no import changes their meaning.
LOG_TABLES = {"import_log", "import_counter", "schema_version", "mail_log", "peer_run"}


def data_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' order by table_name"
        ).fetchall()
        if r[0] not in LOG_TABLES
    ]


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """{table: (rows, order-independent hash of all rows)} for every data table."""
    return {
        table: tuple(
            con.execute(f"select count(*), coalesce(sum(hash(t)::hugeint), 0)::varchar from {table} t").fetchall()[0]
        )
        for table in data_tables(con)
    }


def content_digest(con: duckdb.DuckDBPyConnection) -> str:
    """A short fingerprint of all data (not the logs): equal exactly when no import changed anything."""
    return hashlib.sha256(repr(sorted(table_checksums(con).items())).encode()).hexdigest()[:12]
