"""SQL lives in .sql files beside this module: sql(name) reads one, fetch(con, name, **params) runs it."""

from __future__ import annotations

from functools import cache
from importlib import resources

import duckdb
import pandas as pd


@cache
def sql(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.sql").read_text(encoding="utf-8")


def fetch(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run the named query with bound $parameters and return a DataFrame."""
    return con.execute(sql(name), params).fetch_df()
