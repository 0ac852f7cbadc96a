"""The migration tables every page, export and notebook reads, from both grains (the register's
months and years, official annual figures): one place that fetches them and adds the inhabitants,
so no page has a path of its own for official data."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS
from dashboard.vocabulary import AGE_GROUPS


def base_table(
    con: duckdb.DuckDBPyConnection,
    reference: Reference,
    year_from: int,
    year_to: int,
    months: Sequence[int] = ALL_MONTHS,
    age_groups: Sequence[str] = AGE_GROUPS,
) -> pd.DataFrame:
    """Town × year: flows (unknown where a figure is), their source, and the inhabitants."""
    base = fetch(
        con, "town_year_base", year_from=year_from, year_to=year_to, months=list(months), age_groups=list(age_groups)
    )
    return reference.with_population(base)


def every_year_span(reference: Reference) -> tuple[int, int] | None:
    """The years any selection or its previous period of the same length can reach: the data's
    years and as many before them (None without migration data)."""
    years = reference.years_with_registrations()
    return (years[0] - len(years), years[-1]) if years else None


def years_of(table: pd.DataFrame | None, span: tuple[int, int] | None, year_from: int, year_to: int):
    """The rows of years `year_from`..`year_to` of a table fetched for `span` (every row of these
    tables depends on its own year only, so a period is a slice of them), or None where the table
    does not reach them."""
    if table is None or span is None or year_from < span[0] or year_to > span[1]:
        return None
    return table[table["year"].between(year_from, year_to)].reset_index(drop=True)


def _towns(towns: Sequence[str], whole_region: bool) -> dict:
    return {"ags": [] if whole_region else list(towns), "all_towns": whole_region}


def flows_by_age(
    con: duckdb.DuckDBPyConnection,
    year_from: int,
    year_to: int,
    months: Sequence[int],
    towns: Sequence[str],
    whole_region: bool,
) -> pd.DataFrame:
    """Town × year × direction × age band of both grains (query yearly_by_age)."""
    return fetch(
        con, "yearly_by_age", year_from=year_from, year_to=year_to, months=list(months), **_towns(towns, whole_region)
    )


def flows_by_origin(
    con: duckdb.DuckDBPyConnection,
    year_from: int,
    year_to: int,
    months: Sequence[int],
    age_groups: Sequence[str],
    towns: Sequence[str],
    whole_region: bool,
) -> pd.DataFrame:
    """Town × year × direction × origin of both grains (query yearly_by_origin)."""
    return fetch(
        con,
        "yearly_by_origin",
        year_from=year_from,
        year_to=year_to,
        months=list(months),
        age_groups=list(age_groups),
        **_towns(towns, whole_region),
    )


def flows_by_month(
    con: duckdb.DuckDBPyConnection,
    year_from: int,
    year_to: int,
    months: Sequence[int],
    towns: Sequence[str],
    whole_region: bool,
) -> pd.DataFrame:
    """The register's months (official figures have none): month × direction × age band × origin."""
    return fetch(
        con,
        "flows_by_month_age",
        year_from=year_from,
        year_to=year_to,
        months=list(months),
        **_towns(towns, whole_region),
    )


def annual_only(base: pd.DataFrame, towns: Sequence[str]) -> dict[int, int]:
    """{year: number of the towns} whose figures of a year exist only as official annual figures
    (the monthly views cannot show them)."""
    rows = base[base["ags"].isin(set(towns)) & (base["flow_kind"] == "official")]
    return {int(year): len(part) for year, part in rows.groupby("year")}
