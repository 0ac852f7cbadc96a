"""What the Explorer page and `python -m dashboard query` share: the sandboxed query, the saved
examples and the data dictionary."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd

from dashboard.config import settings
from dashboard.warehouse import sandbox
from dashboard.warehouse.connection import reader
from dashboard.warehouse.dictionary import dictionary, markdown, table_meanings

SandboxRefused = sandbox.SandboxRefused
QueryResult = sandbox.QueryResult
MEMORY_LIMIT = sandbox.MEMORY_LIMIT
dictionary_markdown = markdown


@dataclass(frozen=True)
class Example:
    key: str
    title: dict[str, str]
    sql: str


def run_query(db: Path, sql: str, row_cap: int | None = None, time_limit_s: float | None = None) -> QueryResult:
    current = settings()
    return sandbox.run(db, sql, row_cap or current.sql_row_cap, time_limit_s or current.sql_time_limit_ms / 1000)


MOST_SHOWN_DECIMALS = 4


def display_decimals(frame: pd.DataFrame) -> dict[str, int]:
    """For each number column, the decimals it needs on screen (integers none, others as few as
    show every value to MOST_SHOWN_DECIMALS places), so the grid can write them in the UI language."""
    decimals = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            continue
        if pd.api.types.is_integer_dtype(values):
            decimals[column] = 0
            continue
        known = values.dropna().astype(float)
        exact = known.round(MOST_SHOWN_DECIMALS)
        decimals[column] = next(
            (d for d in range(MOST_SHOWN_DECIMALS) if (known.round(d) == exact).all()), MOST_SHOWN_DECIMALS
        )
    return decimals


def warm_up() -> None:
    """Start a sandbox worker ahead, so the first query of a session does not wait for one."""
    sandbox.POOL.warm()


def examples() -> list[Example]:
    """The saved example queries in dashboard/queries/examples (title lines at the top)."""
    found = []
    folder = resources.files("dashboard.queries").joinpath("examples")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql"):
            continue
        text = entry.read_text(encoding="utf-8")
        titles = {"de": entry.name, "en": entry.name}
        for line in text.splitlines():
            if line.startswith("-- title:"):
                titles["de"] = titles["en"] = line.split(":", 1)[1].strip()
            elif line.startswith("-- title_en:"):
                titles["en"] = line.split(":", 1)[1].strip()
        body = "\n".join(line for line in text.splitlines() if not line.startswith(("-- title:", "-- title_en:")))
        found.append(Example(entry.name.removesuffix(".sql"), titles, body.strip()))
    return found


def data_dictionary(db: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    with reader(db) as con:
        return dictionary(con), table_meanings()
