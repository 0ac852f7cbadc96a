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
    sql: str  # with its German description
    sql_en: str = ""  # with its English description ("-- en:" lines), where it has one

    def text(self, lang: str) -> str:
        return self.sql_en if lang == "en" and self.sql_en else self.sql


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
        lines = [line for line in text.splitlines() if not line.startswith(("-- title:", "-- title_en:"))]
        german = "\n".join(line for line in lines if not line.startswith("-- en:"))
        described = any(line.startswith("-- en:") for line in lines)
        # English: the "-- en:" lines instead of the German description (the comments before the SQL)
        first_code = next((i for i, line in enumerate(lines) if not line.startswith("--")), len(lines))
        english = "\n".join(
            "-- " + line.removeprefix("-- en:").strip() if line.startswith("-- en:") else line
            for i, line in enumerate(lines)
            if line.startswith("-- en:") or i >= first_code
        )
        found.append(
            Example(entry.name.removesuffix(".sql"), titles, german.strip(), english.strip() if described else "")
        )
    return found


def data_dictionary(db: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    with reader(db) as con:
        return dictionary(con), table_meanings()
