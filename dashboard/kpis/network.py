"""Network membership over time, coverage of towns and population, welcome-bag coverage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.kpis.migration import population_for


def members_at(membership: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Memberships active on `day` (joined on or before, not yet left)."""
    joined = pd.to_datetime(membership["joined_on"]) <= pd.Timestamp(day)
    left = pd.to_datetime(membership["left_on"])
    return membership[joined & (left.isna() | (left > pd.Timestamp(day)))]


@defines("network_coverage")
def members_over_time(membership: pd.DataFrame, days: Collection[dt.date]) -> pd.DataFrame:
    """One row per day and network: members (count of towns)."""
    rows = [(day, network, len(group)) for day in days
            for network, group in members_at(membership, day).groupby("network")]
    return pd.DataFrame(rows, columns=["date", "network", "members"])


@defines("network_coverage")
def coverage(membership: pd.DataFrame, population: pd.DataFrame, day: dt.date,
             all_towns: Collection[str]) -> pd.DataFrame:
    """Per network on `day`: members, share of all towns, share of the population."""
    inhabitants = population_for(population, all_towns, [day.year]).set_index("ags")["persons"]
    total = inhabitants.sum()
    rows = []
    for network, group in members_at(membership, day).groupby("network"):
        covered = inhabitants.reindex(group["ags"]).sum()
        rows.append((network, len(group), len(group) / len(all_towns),
                     covered / total if total else np.nan))
    return pd.DataFrame(rows, columns=["network", "members", "share_of_towns", "share_of_population"])


@defines("welcome_bag_coverage")
def welcome_bag_coverage(bags: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Bags handed out ÷ Zuzüge, grouped by `by` (from ags, month, handed_out, inflow)."""
    if bags.empty:
        return pd.DataFrame(columns=[*by, "handed_out", "inflow", "coverage"])
    table = bags.groupby(by)[["handed_out", "inflow"]].sum().reset_index() if by else (
        bags[["handed_out", "inflow"]].sum().to_frame().T)
    table["coverage"] = table["handed_out"] / table["inflow"].replace(0, np.nan)
    return table
