"""Everything one Kommunen-Steckbrief shows: a municipality against its district and the region,
its target groups and origins, the campaigns active there, its networks and welcome offer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.kpis import campaigns as campaign_kpis
from dashboard.kpis import migration as m
from dashboard.kpis.network import members_at, welcome_bag_coverage
from dashboard.queries import fetch
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS
from dashboard.warehouse.connection import reader

LEVELS = ("town", "district", "region")


@dataclass(frozen=True)
class Profile:
    ags: str
    name: str
    official_name: str
    district: str
    kind: str
    area_km2: float
    year_from: int
    year_to: int
    population: float  # inhabitants at the end of the period
    population_is_estimate: bool
    comparison: pd.DataFrame  # level, label, inflow, outflow, net and each per 1,000 (town, district, region)
    yearly: pd.DataFrame  # year, inflow, outflow, net and per 1,000 (the town, all years of data)
    target_groups: pd.DataFrame  # target_group, inflow, outflow, net (the period)
    origins: pd.DataFrame  # origin, inflow, outflow, net (the period)
    campaigns: pd.DataFrame  # campaign_id, name, target_group, impressions, clicks, leads, impressions_per_1000
    memberships: pd.DataFrame  # network, joined_on, left_on, active (at the end of the period)
    round_tables: tuple[int, int]  # editions attended, editions held (up to the end of the period)
    welcome_bags: pd.Series  # handed_out, inflow, coverage in the period (empty without bags)
    rank_net_per_1000: int  # 1 = highest saldo per 1,000 among the 59 in the period

    @property
    def has_data(self) -> bool:
        return bool(self.comparison["has_data"].iloc[0])


def profile(db: Path, reference: Reference, ags: str, year_from: int, year_to: int) -> Profile:
    """Raises KeyError for an AGS that is not one of the region's municipalities."""
    town = reference.towns.set_index("ags").loc[ags]
    years = reference.years_with_registrations() or [year_from]
    first = min(years[0], year_from)
    period_end = dt.date(year_to, 12, 31)
    with reader(db) as con:
        base = fetch(con, "town_year_base", year_from=first, year_to=year_to, months=list(ALL_MONTHS),
                     age_groups=list(m.AGE_GROUPS))
        detail = fetch(con, "flows_by_month_age", year_from=year_from, year_to=year_to,
                       months=list(ALL_MONTHS), ags=[ags], all_towns=False)
        campaigns = fetch(con, "campaigns")
        activity = fetch(con, "campaign_activity_by_month", date_from=dt.date(year_from, 1, 1), date_to=period_end)
        membership = fetch(con, "network_membership")
        editions = fetch(con, "round_table_editions")
        attendance = fetch(con, "round_table_attendance")
        bags = fetch(con, "welcome_bags_with_inflow")
    in_period = base[base["year"].between(year_from, year_to)]
    district_towns = reference.towns.loc[reference.towns["district"] == town["district"], "ags"]
    groups = {"town": (in_period[in_period["ags"] == ags], False),
              "district": (in_period[in_period["ags"].isin(district_towns)], False),
              "region": (in_period, True)}
    comparison = pd.concat([m.aggregate(rows, [], whole_region).assign(level=level)
                            for level, (rows, whole_region) in groups.items()], ignore_index=True)
    comparison["label"] = [town["name"], town["district"], "Südwestfalen"]
    town_years = base[base["ags"] == ags]
    every_town = m.by_town(in_period, reference.towns)
    rank = every_town["net_per_1000"].rank(ascending=False, method="min")[every_town["ags"] == ags]
    latest = town_years[town_years["year"] == year_to]
    local = activity[activity["ags"] == ags]
    return Profile(
        ags, town["name"], town["official_name"], town["district"], town["kind"], float(town["area_km2"]),
        year_from, year_to,
        float(latest["population"].iloc[0]) if not latest.empty else np.nan,
        bool(latest["is_estimate"].iloc[0]) if not latest.empty else True,
        comparison, m.aggregate(town_years, ["year"]),
        _period_totals(m.by_target_group(detail, False), "target_group"),
        _period_totals(m.by_origin(detail, False), "origin"),
        _campaigns(local, campaigns, reference, year_to),
        _memberships(membership[membership["ags"] == ags], period_end),
        _round_tables(editions, attendance, ags, period_end),
        _bags(bags, ags, year_from, year_to),
        int(rank.iloc[0]) if not rank.empty and pd.notna(rank.iloc[0]) else 0)


def _period_totals(table: pd.DataFrame, category: str) -> pd.DataFrame:
    if table.empty:
        return pd.DataFrame(columns=[category, "inflow", "outflow", "net"])
    return table.groupby(category, sort=False)[["inflow", "outflow", "net"]].sum().reset_index()


def _campaigns(local: pd.DataFrame, campaigns: pd.DataFrame, reference: Reference, year: int) -> pd.DataFrame:
    columns = ["campaign_id", "name", "target_group", "impressions", "clicks", "leads", "impressions_per_1000"]
    if local.empty:
        return pd.DataFrame(columns=columns)
    reach = campaign_kpis.reach(local, ["campaign_id"])
    per_1000 = pd.concat([campaign_kpis.reach_per_1000(rows, reference.population, year).assign(campaign_id=c)
                          for c, rows in local.groupby("campaign_id")])
    table = campaigns[["campaign_id", "name", "target_group"]].merge(reach, on="campaign_id").merge(
        per_1000[["campaign_id", "impressions_per_1000"]], on="campaign_id", how="left")
    return table[columns]


def _memberships(rows: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    active = set(members_at(rows, day)["network"])
    return rows.assign(active=rows["network"].isin(active))[["network", "joined_on", "left_on", "active"]] \
        .reset_index(drop=True)


def _round_tables(editions: pd.DataFrame, attendance: pd.DataFrame, ags: str, day: dt.date) -> tuple[int, int]:
    held = editions[pd.to_datetime(editions["date"]) <= pd.Timestamp(day)]["edition"]
    attended = attendance[(attendance["ags"] == ags) & attendance["edition"].isin(held)]
    return int(attended["edition"].nunique()), int(held.nunique())


def _bags(bags: pd.DataFrame, ags: str, year_from: int, year_to: int) -> pd.Series:
    rows = bags[(bags["ags"] == ags) & pd.to_datetime(bags["month"]).dt.year.between(year_from, year_to)]
    if rows.empty:
        return pd.Series(dtype=float)
    return welcome_bag_coverage(rows, []).iloc[0]
