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
from dashboard.service import migration
from dashboard.service.inflow import unusual_town_years
from dashboard.service.reference import Reference
from dashboard.service.selection import ALL_MONTHS
from dashboard.vocabulary import AGE_GROUPS
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
    population_basis: m.Basis  # where the inhabitants and the flows of the period come from
    population_date: dt.date | None  # the reference date of `population`
    population_kind: str | None  # official, own, demo or estimate
    missing_reasons: tuple[str, ...]  # why target groups or origins of some years are unknown
    unusual_years: tuple[int, ...]  # flagged town-years of the period (data quality)
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


def profile(
    db: Path, reference: Reference, ags: str, year_from: int, year_to: int, unusual: pd.DataFrame | None = None
) -> Profile:
    """Raises KeyError for an AGS that is not one of the region's municipalities. `unusual`: the
    flagged town-years (service.inflow.unusual_town_years), computed here when not given."""
    town = reference.towns.set_index("ags").loc[ags]
    years = reference.years_with_registrations() or [year_from]
    first = min(years[0], year_from)
    period_end = dt.date(year_to, 12, 31)
    with reader(db) as con:
        base = migration.base_table(con, reference, first, year_to)
        by_age = migration.flows_by_age(con, year_from, year_to, ALL_MONTHS, [ags], whole_region=False)
        by_origin = migration.flows_by_origin(
            con, year_from, year_to, ALL_MONTHS, AGE_GROUPS, [ags], whole_region=False
        )
        campaigns = fetch(con, "campaigns")
        activity = fetch(con, "campaign_activity_by_month", date_from=dt.date(year_from, 1, 1), date_to=period_end)
        membership = fetch(con, "network_membership")
        editions = fetch(con, "round_table_editions")
        attendance = fetch(con, "round_table_attendance")
        bags = fetch(con, "welcome_bags_with_inflow")
    in_period = base[base["year"].between(year_from, year_to)]
    district_towns = reference.towns.loc[reference.towns["district"] == town["district"], "ags"]
    # the same definition on every level: the sums of the members' moves across their municipal
    # borders (a region's balance across its own border is the Zuzug page's), so the rates compare
    groups = {
        "town": (in_period[in_period["ags"] == ags], False),
        "district": (in_period[in_period["ags"].isin(district_towns)], False),
        "region": (in_period, False),
    }
    comparison = pd.concat(
        [m.aggregate(rows, [], whole_region).assign(level=level) for level, (rows, whole_region) in groups.items()],
        ignore_index=True,
    )
    comparison["label"] = [town["name"], town["district"], "Südwestfalen"]
    town_years = base[base["ags"] == ags]
    every_town = m.by_town(in_period, reference.towns)
    rank = every_town["net_per_1000"].rank(ascending=False, method="min")[every_town["ags"] == ags]
    latest = town_years[town_years["year"] == year_to]
    local = activity[activity["ags"] == ags]
    return Profile(
        ags,
        town["name"],
        town["official_name"],
        town["district"],
        town["kind"],
        float(town["area_km2"]),
        year_from,
        year_to,
        float(latest["population"].iloc[0]) if not latest.empty else np.nan,
        bool(latest["is_estimate"].iloc[0]) if not latest.empty else True,
        m.basis_of(in_period[in_period["ags"] == ags]),
        pd.Timestamp(latest["population_date"].iloc[0]).date()
        if not latest.empty and pd.notna(latest["population_date"].iloc[0])
        else None,
        latest["population_kind"].iloc[0] if not latest.empty else None,
        tuple(sorted(set(by_age.loc[by_age["persons"].isna(), "marker"].dropna()))),
        _flagged(unusual if unusual is not None else unusual_town_years(db, reference), ags, year_from, year_to),
        comparison,
        m.aggregate(town_years, ["year"]),
        _period_totals(m.by_target_group(by_age, False), "target_group"),
        _period_totals(m.by_origin(by_origin, False), "origin"),
        _campaigns(local, campaigns, reference, year_to),
        _memberships(membership[membership["ags"] == ags], period_end),
        _round_tables(editions, attendance, ags, period_end),
        _bags(bags, ags, year_from, year_to),
        int(rank.iloc[0]) if not rank.empty and pd.notna(rank.iloc[0]) else 0,
    )


def _flagged(unusual: pd.DataFrame, ags: str, year_from: int, year_to: int) -> tuple[int, ...]:
    rows = unusual[(unusual["ags"] == ags) & unusual["year"].between(year_from, year_to)]
    return tuple(sorted(int(y) for y in rows["year"]))


def _period_totals(table: pd.DataFrame, category: str) -> pd.DataFrame:
    """Per category the period's known sums (NaN where no year is known) and the years left out."""
    columns = [category, "inflow", "outflow", "net", "missing_years"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    sums = table.groupby(category, sort=False)[["inflow", "outflow", "net"]].sum(min_count=1)
    unknown = table[table["net"].isna()].groupby(category, sort=False)["year"].agg(tuple)
    return sums.reset_index().assign(
        missing_years=lambda d: d[category].map(unknown).apply(lambda v: v if isinstance(v, tuple) else ())
    )[columns]


def _campaigns(local: pd.DataFrame, campaigns: pd.DataFrame, reference: Reference, year: int) -> pd.DataFrame:
    columns = ["campaign_id", "name", "target_group", "impressions", "clicks", "leads", "impressions_per_1000"]
    if local.empty:
        return pd.DataFrame(columns=columns)
    reach = campaign_kpis.reach(local, ["campaign_id"])
    per_1000 = pd.concat(
        [
            campaign_kpis.reach_per_1000(rows, reference.population, year).assign(campaign_id=c)
            for c, rows in local.groupby("campaign_id")
        ]
    )
    table = (
        campaigns[["campaign_id", "name", "target_group"]]
        .merge(reach, on="campaign_id")
        .merge(per_1000[["campaign_id", "impressions_per_1000"]], on="campaign_id", how="left")
    )
    return table[columns]


def _memberships(rows: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    active = set(members_at(rows, day)["network"])
    return rows.assign(active=rows["network"].isin(active))[["network", "joined_on", "left_on", "active"]].reset_index(
        drop=True
    )


def _round_tables(editions: pd.DataFrame, attendance: pd.DataFrame, ags: str, day: dt.date) -> tuple[int, int]:
    held = editions[pd.to_datetime(editions["date"]) <= pd.Timestamp(day)]["edition"]
    attended = attendance[(attendance["ags"] == ags) & attendance["edition"].isin(held)]
    return int(attended["edition"].nunique()), int(held.nunique())


def _bags(bags: pd.DataFrame, ags: str, year_from: int, year_to: int) -> pd.Series:
    rows = bags[(bags["ags"] == ags) & pd.to_datetime(bags["month"]).dt.year.between(year_from, year_to)]
    if rows.empty:
        return pd.Series(dtype=float)
    return welcome_bag_coverage(rows, []).iloc[0]
