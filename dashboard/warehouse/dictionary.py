"""The data dictionary: the live schema's tables, columns and types with their meaning, unit,
allowed values and source from dictionary.toml (one description file)."""

from __future__ import annotations

import tomllib
from importlib import resources

import duckdb
import pandas as pd

COLUMNS = ["table", "column", "type", "meaning", "unit", "allowed", "source"]


def descriptions() -> dict:
    return tomllib.loads(resources.files(__package__).joinpath("dictionary.toml").read_text(encoding="utf-8"))


def dictionary(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per column of every warehouse table; empty text where the file says nothing."""
    text = descriptions()
    common = text.get("common", {})
    live = con.execute(
        "select table_name, column_name, data_type from information_schema.columns "
        "where table_schema = 'main' order by table_name, ordinal_position"
    ).fetchall()
    rows = []
    for table, column, kind in live:
        about = text.get(table, {})
        entry = about.get(column) or common.get(column) or {}
        source = entry.get("source") or about.get("_table", {}).get("source", "")
        rows.append(
            (table, column, kind, entry.get("meaning", ""), entry.get("unit", ""), entry.get("allowed", ""), source)
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def table_meanings() -> dict[str, str]:
    return {table: about["_table"]["meaning"] for table, about in descriptions().items() if "_table" in about}


def markdown(frame: pd.DataFrame) -> str:
    """DICTIONARY.md: a section per table with its columns."""
    meanings = table_meanings()
    lines = [
        "# Datenwörterbuch des Warehouse",
        "",
        (
            "Erzeugt mit `python -m dashboard dictionary` aus dem Schema und "
            "`dashboard/warehouse/dictionary.toml`; nicht von Hand ändern."
        ),
        "",
    ]
    for table, columns in frame.groupby("table", sort=True):
        lines += [
            f"## `{table}`",
            "",
            meanings.get(table, ""),
            "",
            "| Spalte | Typ | Bedeutung | Einheit | erlaubte Werte | Quelle |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| `{r.column}` | {r.type} | {r.meaning} | {r.unit} | {r.allowed} | {r.source} |"
            for r in columns.itertuples()
        ]
        lines.append("")
    return "\n".join(lines)
