"""Move a warehouse file into a DuckLake (`python -m dashboard migrate-to-lake`): the same schema
on the lake, then every table copied in one transaction; the file is only read."""

from __future__ import annotations

from pathlib import Path

from dashboard.warehouse.connection import is_lake, reader, writer
from dashboard.warehouse.migrate import bring_up_to_date, migrate


class MoveRefused(RuntimeError):
    """The source is no warehouse file, the target no (empty) lake."""


def move_to_lake(source: Path, lake: Path) -> dict[str, int]:
    """Rows copied per table. The lake must hold no data yet (a fresh catalog)."""
    if is_lake(source) or not source.is_file():
        raise MoveRefused(f"{source}: keine Warehouse-Datei")
    if not is_lake(lake):
        raise MoveRefused(f"{lake}: kein DuckLake (ducklake:postgres:…)")
    bring_up_to_date(source)  # the file gets the schema files the lake is built from
    with reader(source) as con:
        tables = [
            row[0]
            for row in con.execute(
                "select table_name from duckdb_tables() where database_name = current_database() order by 1"
            ).fetchall()
        ]
    copied = {}
    with writer(lake) as con:
        migrate(con)
        stored = con.execute("select count(*) from import_log").fetchall()[0][0]
        if stored:
            raise MoveRefused(f"{lake}: der Lake enthält schon Importe ({stored})")
        con.execute(f"ATTACH '{str(source).replace(chr(39), chr(39) * 2)}' AS source (READ_ONLY)")
        con.begin()
        try:
            for table in tables:
                con.execute(f"delete from {table}")  # the lake's schema_version, import_counter
                columns = ", ".join(
                    row[0]
                    for row in con.execute(
                        "select column_name from duckdb_columns() where database_name = 'source' "
                        "and table_name = $t order by column_index",
                        {"t": table},
                    ).fetchall()
                )
                con.execute(f"insert into {table} ({columns}) select {columns} from source.{table}")
                copied[table] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
            con.commit()
        except Exception:
            con.rollback()
            raise
        finally:
            con.execute("DETACH source")
    return copied
