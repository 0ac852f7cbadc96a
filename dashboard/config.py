"""Paths and settings: one place, command line > environment > default."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
DEMO_DIR = DATA_DIR / "demo"
TEMPLATES_DIR = DATA_DIR / "templates"
GEO_DIR = DATA_DIR / "geo"
DEFAULT_WAREHOUSE = DATA_DIR / "warehouse.duckdb"
DICTIONARY_FILE = DATA_DIR / "DICTIONARY.md"

# The five districts of Südwestfalen, keyed by their 5-digit AGS prefix.
DISTRICTS: dict[str, str] = {
    "05958": "Hochsauerlandkreis",
    "05962": "Märkischer Kreis",
    "05966": "Kreis Olpe",
    "05970": "Kreis Siegen-Wittgenstein",
    "05974": "Kreis Soest",
}


@dataclass(frozen=True)
class Settings:
    """Runtime settings; every field is documented in the README (tests check it)."""

    warehouse_path: Path = field(
        default=DEFAULT_WAREHOUSE,
        metadata={"help": "DuckDB warehouse file (--db, env DASHBOARD_DB)"},
    )
    sql_time_limit_ms: int = field(
        default=5000, metadata={"help": "time limit for explorer queries (env DASHBOARD_SQL_TIME_LIMIT_MS)"}
    )
    sql_row_cap: int = field(
        default=10000, metadata={"help": "rows shown for an explorer query (env DASHBOARD_SQL_ROW_CAP)"}
    )
    language: str = field(default="de", metadata={"help": "default UI language (env DASHBOARD_LANG)"})


def settings(db: str | os.PathLike[str] | None = None) -> Settings:
    """Settings from the command line value, then the environment, then the defaults."""
    env = os.environ
    path = db or env.get("DASHBOARD_DB") or DEFAULT_WAREHOUSE
    return Settings(
        # a DuckLake warehouse is named, not a file: its name stays as it is
        warehouse_path=Path(path) if str(path).startswith("ducklake:") else Path(path).resolve(),
        sql_time_limit_ms=int(env.get("DASHBOARD_SQL_TIME_LIMIT_MS", 5000)),
        sql_row_cap=int(env.get("DASHBOARD_SQL_ROW_CAP", 10000)),
        language=env.get("DASHBOARD_LANG", "de"),
    )
