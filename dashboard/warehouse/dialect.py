"""The schema files are written for the embedded DuckDB file; DuckLake stores the same tables but
knows no constraints (primary keys, unique, check). Its schema is the same text without them –
the import checks guarantee what the constraints guard, on both backends."""

from __future__ import annotations

import re

import duckdb

_COMMENT = re.compile(r"--[^\n]*")
_INLINE_KEY = re.compile(r"\s+primary\s+key\b(?!\s*\()|\s+unique\b(?!\s*\()", re.IGNORECASE)
_WORD_CHECK = re.compile(r"\bcheck\s*\(", re.IGNORECASE)
_TABLE_KEY = re.compile(r"\b(primary\s+key|unique)\s*\(", re.IGNORECASE)
# DuckLake adds a column only without a default: the stored rows get the value, and every writer
# names all columns anyway
_ADD_WITH_DEFAULT = re.compile(
    r"alter\s+table\s+(\w+)\s+add\s+column\s+(\w+)\s+(\w+)\s+default\s+([^;]+);", re.IGNORECASE
)


def is_lake_connection(con: duckdb.DuckDBPyConnection) -> bool:
    kind = con.execute("select type from duckdb_databases() where database_name = current_database()").fetchall()
    return bool(kind) and kind[0][0] == "ducklake"


def _closing(text: str, opening: int) -> int:
    """The index just after the parenthesis that closes the one at `opening`."""
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    raise ValueError("unbalanced parentheses in a schema file")


def _without(text: str, pattern: re.Pattern) -> str:
    while match := pattern.search(text):
        end = _closing(text, match.end() - 1)
        text = text[: match.start()].rstrip(" ") + text[end:]
    return text


def for_lake(sql: str) -> str:
    """The statements without constraints: check (…), primary key / unique, inline and per table."""
    text = _COMMENT.sub("", sql)
    text = _without(text, _WORD_CHECK)
    text = _without(text, _TABLE_KEY)
    text = _INLINE_KEY.sub("", text)
    # a constraint line left empty: its comma goes with it
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r",(\s*)\)", r"\1)", text)
    return _ADD_WITH_DEFAULT.sub(
        r"alter table \1 add column \2 \3; update \1 set \2 = \4;",
        text,
    )
