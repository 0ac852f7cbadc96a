"""Zuzüge, Fortzüge, Saldo, rates per 1,000, target groups, origin and data-quality flags."""

from __future__ import annotations

import warnings
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines

AGE_GROUPS = ("0-17", "18-24", "25-29", "30-49", "50-64", "65+")
ORIGINS = ("swf", "nrw", "de", "abroad")
# BBSR/INKAR 2025 migration types by age band; the six bands of table 12711-01-03-5.
TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    "familien": ("0-17",),
    "bildung": ("18-24",),
    "berufseinstieg": ("25-29",),
    "erwerb": ("30-49",),
    "50-64": ("50-64",),
    "ruhestand": ("65+",),
}
# The older INKAR family definition (under 18 and their parents' 30–49), offered as a variant.
FAMILY_INKAR_OLD = ("0-17", "30-49")
# A town-year whose in-migration per 1,000 exceeds this multiple of the town's own median.
OUTLIER_FACTOR = 2.0
INTRA_REGIONAL = "swf"


def age_groups_for(target_groups: Collection[str]) -> list[str]:
    """The age bands of the chosen target groups (all bands when none is chosen)."""
    if not target_groups:
        return list(AGE_GROUPS)
    return [a for a in AGE_GROUPS if any(a in TARGET_GROUPS[g] for g in target_groups)]


def target_groups_of(target_group_code: str) -> list[str]:
    """'bildung+berufseinstieg' → ['bildung', 'berufseinstieg']."""
    return [part for part in target_group_code.split("+") if part in TARGET_GROUPS]


def population_for(population: pd.DataFrame, towns: Collection[str], years: Collection[int]
                   ) -> pd.DataFrame:
    """Inhabitants per town and year (ags, year, persons, is_estimate); a missing year takes the
    nearest year with a figure, flagged as estimate."""
    wanted = pd.MultiIndex.from_product([sorted(set(towns)), sorted(set(years))], names=["ags", "year"])
    if population.empty or wanted.empty:
        return wanted.to_frame(index=False).assign(persons=np.nan, is_estimate=True)
    indexed = population.set_index(["ags", "year"])[["persons", "is_estimate"]]
    direct = indexed.reindex(wanted)
    if direct["persons"].notna().all():
        return direct.astype({"is_estimate": bool}).reset_index()
    known = population[["ags", "year", "persons", "is_estimate"]].rename(columns={"year": "known_year"})
    known = known.astype({"known_year": "int64"}).sort_values("known_year")
    merged = pd.merge_asof(wanted.to_frame(index=False).astype({"year": "int64"}).sort_values("year"),
                           known, left_on="year", right_on="known_year", by="ags", direction="nearest")
    merged["is_estimate"] = merged["is_estimate"].fillna(True).astype(bool) | (
        merged["known_year"] != merged["year"])
    return merged.drop(columns="known_year").sort_values(["ags", "year"]).reset_index(drop=True)


@dataclass(frozen=True)
class FlowSummary:
    inflow: int
    outflow: int
    net: int
    population_years: float
    inflow_per_1000: float
    outflow_per_1000: float
    net_per_1000: float
    is_whole_region: bool
    population_is_estimate: bool
    has_data: bool


def _in_out(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    table = frame.groupby([*by, "direction"], observed=True)["persons"].sum().unstack(
        "direction", fill_value=0).reindex(columns=["in", "out"], fill_value=0)
    table.columns = ["inflow", "outflow"]
    return table


# The base table (query town_year_base.sql): one row per town and year.
BASE_COLUMNS = ["ags", "year", "inflow", "outflow", "within_inflow", "within_outflow", "population",
                "is_estimate", "has_data"]


@defines("inflow", "outflow", "net", "per_1000")
def aggregate(base: pd.DataFrame, by: list[str], whole_region: bool = False) -> pd.DataFrame:
    """Inflow, outflow, net and each per 1,000 from the base table (town × year: inflow, outflow,
    within_inflow, within_outflow, population, is_estimate, has_data), grouped by `by`
    ([] = one row for all its rows).

    For the whole region, moves within it (origin 'swf') are no border crossings and leave the
    gross flows; the balance is the same either way, because each such move is an 'in' of one
    member and an 'out' of another."""
    inflow = base["inflow"].to_numpy(dtype=float)
    outflow = base["outflow"].to_numpy(dtype=float)
    if whole_region:
        inflow = inflow - base["within_inflow"].to_numpy(dtype=float)
        outflow = outflow - base["within_outflow"].to_numpy(dtype=float)
    population = base["population"].to_numpy(dtype=float)
    # built with as few pandas operations as possible: this runs on every filter change
    # an official figure given as a marker (".", "x", "/") is unknown: so is every sum holding it
    columns = {"inflow": np.nan_to_num(inflow), "outflow": np.nan_to_num(outflow),
               "inflow_unknown": np.isnan(inflow), "outflow_unknown": np.isnan(outflow),
               "population_years": np.nan_to_num(population),
               "has_population": ~np.isnan(population),
               "population_is_estimate": base["is_estimate"].to_numpy(dtype=bool),
               "has_data": base["has_data"].to_numpy(dtype=bool)}
    if by:
        frame = pd.DataFrame({**{k: base[k].to_numpy() for k in by}, **columns})
        sums = frame.groupby(by, sort=True).sum()
        keys = sums.index.to_frame(index=False)
    else:
        sums = pd.DataFrame({k: [v.sum()] for k, v in columns.items()})
        keys = pd.DataFrame(index=[0])
    inflow = np.where(sums["inflow_unknown"].to_numpy() > 0, np.nan, sums["inflow"].to_numpy())
    outflow = np.where(sums["outflow_unknown"].to_numpy() > 0, np.nan, sums["outflow"].to_numpy())
    population = np.where(sums["has_population"].to_numpy() > 0, sums["population_years"].to_numpy(), np.nan)
    denominator = np.where(population > 0, population, np.nan)
    net = inflow - outflow
    return keys.assign(
        inflow=_counts(inflow), outflow=_counts(outflow), net=_counts(net),
        population_years=population, population_is_estimate=sums["population_is_estimate"].to_numpy() > 0,
        has_data=sums["has_data"].to_numpy() > 0, inflow_per_1000=inflow / denominator * 1000,
        outflow_per_1000=outflow / denominator * 1000, net_per_1000=net / denominator * 1000)


def _counts(values: np.ndarray) -> np.ndarray:
    """Whole persons as int64, or floats with NaN where a figure is unknown."""
    return values.astype("int64") if not np.isnan(values).any() else values.astype(float)


def _count(value: float) -> int | float:
    return int(value) if not np.isnan(value) else np.nan


def summary_of(base: pd.DataFrame, whole_region: bool) -> FlowSummary:
    """Totals of the base-table rows of a group of towns (see `aggregate`)."""
    row = aggregate(base, [], whole_region).iloc[0]
    return FlowSummary(_count(row["inflow"]), _count(row["outflow"]), _count(row["net"]),
                       float(row["population_years"]), float(row["inflow_per_1000"]),
                       float(row["outflow_per_1000"]), float(row["net_per_1000"]), whole_region,
                       bool(row["population_is_estimate"]), bool(row["has_data"]))


def _in_out_net(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=[*by, "inflow", "outflow", "net"]).astype(
            {"inflow": "int64", "outflow": "int64", "net": "int64"})
    table = _in_out(frame, by)
    table["net"] = table["inflow"] - table["outflow"]
    return table.astype("int64").reset_index()


@defines("inflow", "outflow", "net", "per_1000")
def by_town(base: pd.DataFrame, towns: pd.DataFrame, per_year: bool = False) -> pd.DataFrame:
    """One row per town (or town and year) of the base table, with name and district:
    inflow, outflow, net, each per 1,000."""
    rated = aggregate(base, ["ags", "year"] if per_year else ["ags"])
    return towns[["ags", "name", "district"]].merge(rated, on="ags", how="right")


@defines("inflow", "outflow", "net")
def over_time(flows: pd.DataFrame, period: str, whole_region: bool) -> pd.DataFrame:
    """One row per `period` value ('month' or 'year'): inflow, outflow, net (border-correct for the
    whole region)."""
    if whole_region:
        flows = flows[flows["origin"] != INTRA_REGIONAL]
    if flows.empty:
        return pd.DataFrame(columns=[period, "inflow", "outflow", "net"])
    return _in_out_net(flows, [period])


@defines("target_groups")
def by_target_group(flows: pd.DataFrame, whole_region: bool, family_variant: bool = False
                    ) -> pd.DataFrame:
    """One row per target group and year: inflow, outflow, net (flows by age_group)."""
    if whole_region:
        flows = flows[flows["origin"] != INTRA_REGIONAL]
    group_of = {age: group for group, ages in TARGET_GROUPS.items() for age in ages}
    parts = [flows.assign(target_group=flows["age_group"].map(group_of))]
    if family_variant:
        parts.insert(0, flows[flows["age_group"].isin(FAMILY_INKAR_OLD)].assign(target_group="familien_inkar_alt"))
    table = _in_out_net(pd.concat(parts, ignore_index=True), ["target_group", "year"])
    order = {g: i for i, g in enumerate(["familien_inkar_alt", *TARGET_GROUPS])}
    return table.sort_values(["target_group", "year"], key=lambda s: s.map(order) if s.name == "target_group" else s
                             ).reset_index(drop=True)


@defines("origin")
def by_origin(flows: pd.DataFrame, whole_region: bool) -> pd.DataFrame:
    """One row per origin and year: inflow, outflow, net."""
    if whole_region:
        flows = flows[flows["origin"] != INTRA_REGIONAL]
    if flows.empty:
        return pd.DataFrame(columns=["origin", "year", "inflow", "outflow", "net"])
    return _in_out_net(flows, ["origin", "year"])


@defines("change")
def change(current: float, previous: float) -> tuple[float, float]:
    """(absolute, relative) change; the relative change is NaN where the previous value is 0."""
    if previous is None or np.isnan(previous):
        return np.nan, np.nan
    absolute = current - previous
    return absolute, (absolute / abs(previous) if previous else np.nan)


@defines("outlier")
def unusual_years(table: pd.DataFrame) -> pd.DataFrame:
    """Town-years (ags, year, inflow, inflow_per_1000, median_per_1000) flagged as unusual,
    from the base table over the towns' whole history."""
    columns = ["ags", "year", "inflow", "inflow_per_1000", "median_per_1000"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    rate = (table["inflow"] / table["population"].replace(0, np.nan) * 1000).rename("rate")
    matrix = pd.concat([table[["ags", "year"]], rate], axis=1).pivot(index="ags", columns="year",
                                                                     values="rate")
    values = matrix.to_numpy(dtype=float)
    medians = np.full_like(values, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a town with one year has no median
        for j in range(values.shape[1] if values.shape[1] > 1 else 0):
            medians[:, j] = np.nanmedian(np.delete(values, j, axis=1), axis=1)
    flagged = values > OUTLIER_FACTOR * medians
    rows = [(matrix.index[i], int(matrix.columns[j]), values[i, j], medians[i, j])
            for i, j in zip(*np.nonzero(flagged), strict=True)]
    out = pd.DataFrame(rows, columns=["ags", "year", "inflow_per_1000", "median_per_1000"])
    out = out.merge(table[["ags", "year", "inflow"]], on=["ags", "year"], how="left")
    return out[columns].sort_values(["ags", "year"]).reset_index(drop=True)
