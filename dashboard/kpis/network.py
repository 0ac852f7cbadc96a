"""Network membership over time, coverage of towns and population, welcome-bag coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.kpis.migration import population_for
from dashboard.vocabulary import NETWORKS, NO_NETWORK


def members_at(membership: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Memberships active on `day` (joined on or before, not yet left)."""
    joined = pd.to_datetime(membership["joined_on"]) <= pd.Timestamp(day)
    left = pd.to_datetime(membership["left_on"])
    return membership[joined & (left.isna() | (left > pd.Timestamp(day)))]


@defines("network_coverage")
def coverage(
    membership: pd.DataFrame, population: pd.DataFrame, day: dt.date, all_towns: Collection[str]
) -> pd.DataFrame:
    """Per network on `day`: members, share of all towns, share of the population."""
    return growth(membership, population, [day], all_towns).drop(columns="date").reset_index(drop=True)


@defines("welcome_bag_coverage")
def welcome_bag_coverage(bags: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Bags handed out ÷ Zuzüge, grouped by `by` (from ags, month, handed_out, inflow)."""
    if bags.empty:
        return pd.DataFrame(columns=[*by, "handed_out", "inflow", "coverage"])
    table = (
        bags.groupby(by)[["handed_out", "inflow"]].sum().reset_index()
        if by
        else (bags[["handed_out", "inflow"]].sum().to_frame().T)
    )
    table["coverage"] = table["handed_out"] / table["inflow"].replace(0, np.nan)
    return table


@defines("network_coverage")
def combination_at(membership: pd.DataFrame, day: dt.date, towns: Collection[str]) -> pd.DataFrame:
    """ags, combination: the networks each town belongs to on `day` joined by '+', or
    'kein_netzwerk' for the white spots the agency wants to reach."""
    active = members_at(membership, day)
    order = {n: i for i, n in enumerate(NETWORKS)}
    by_town = active.groupby("ags")["network"].agg(lambda s: "+".join(sorted(s, key=lambda n: order.get(n, 99))))
    table = pd.DataFrame({"ags": sorted(towns)})
    table["combination"] = table["ags"].map(by_town).fillna(NO_NETWORK)
    return table


def monthly_days(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from `first` to `last` (for growth lines)."""
    days, current = [], dt.date(first.year, first.month, 1)
    while current <= last:
        days.append(current)
        current = dt.date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return days


def attendance_matrix(attendance: pd.DataFrame, towns: pd.DataFrame) -> pd.DataFrame:
    """Towns (rows, by name) × editions (columns): 1 attended, 0 not."""
    if attendance.empty:
        return pd.DataFrame(index=towns["name"])
    matrix = pd.crosstab(attendance["ags"], attendance["edition"]).clip(upper=1)
    matrix = matrix.reindex(towns["ags"], fill_value=0)
    matrix.index = towns.set_index("ags").loc[matrix.index, "name"]
    return matrix


def absent_in_last(attendance: pd.DataFrame, editions: pd.DataFrame, towns: Collection[str], last_n: int) -> list[str]:
    """Towns that attended none of the last `last_n` editions."""
    recent = editions.sort_values("edition")["edition"].tail(last_n)
    present = set(attendance.loc[attendance["edition"].isin(recent), "ags"])
    return [ags for ags in sorted(towns) if ags not in present]


@defines("network_coverage", "per_1000")
def inflow_by_membership(yearly: pd.DataFrame, membership: pd.DataFrame, network: str) -> pd.DataFrame:
    """year, group ('member'/'other'), inflow_per_1000: in-migration of the towns in `network`
    (on 31 Dec of the year) against the other towns, from ags, year, inflow, population rows.
    Descriptive only: the groups differ in more than their membership."""
    rows = []
    for year, group in yearly.groupby("year"):
        members = set(members_at(membership[membership["network"] == network], dt.date(int(year), 12, 31))["ags"])
        is_member = group["ags"].isin(members)
        for label, part in (("member", group[is_member]), ("other", group[~is_member])):
            part = part[part["inflow"].notna()]  # an unknown figure leaves its inhabitants out too
            population = part["population"].sum()
            rows.append(
                (int(year), label, part["inflow"].sum() / population * 1000 if population else np.nan, len(part))
            )
    return pd.DataFrame(rows, columns=["year", "group", "inflow_per_1000", "towns"])


@defines("network_coverage")
def growth(
    membership: pd.DataFrame, population: pd.DataFrame, days: list[dt.date], all_towns: Collection[str]
) -> pd.DataFrame:
    """date, network, members, share_of_towns, share_of_population for every day (networks
    without members on a day are left out)."""
    columns = ["date", "network", "members", "share_of_towns", "share_of_population"]
    if membership.empty or not days:
        return pd.DataFrame(columns=columns)
    years = sorted({d.year for d in days})
    inhabitants = population_for(population, all_towns, years).set_index(["ags", "year"])["persons"]
    day_values = np.array(days, dtype="datetime64[D]")
    joined = pd.to_datetime(membership["joined_on"]).to_numpy(dtype="datetime64[D]")
    left = pd.to_datetime(membership["left_on"]).to_numpy(dtype="datetime64[D]")
    left = np.where(np.isnat(left), np.datetime64("9999-12-31"), left)
    active = (joined[:, None] <= day_values[None, :]) & (left[:, None] > day_values[None, :])
    # inhabitants of every membership's town in every day's year, by lookup in a town × year table
    table = inhabitants.unstack("year").reindex(index=membership["ags"].to_numpy(), columns=years)
    year_of_day = np.searchsorted(np.array(years), [day.year for day in days])
    persons = table.to_numpy(dtype=float)[:, year_of_day]
    totals = inhabitants.groupby(level="year").sum().reindex(years).to_numpy(dtype=float)[year_of_day]
    rows = []
    for network in membership["network"].unique():
        mask = (membership["network"] == network).to_numpy()
        members = active[mask].sum(axis=0)
        covered = np.nansum(np.where(active[mask], persons[mask], 0), axis=0)
        rows += [
            (day, network, int(count), count / len(all_towns), share)
            for day, count, share in zip(days, members, covered / totals, strict=True)
            if count
        ]
    return pd.DataFrame(rows, columns=columns)
