"""Everything one Kommunen-Steckbrief shows: a municipality against its district and the region,
its target groups and origins, the campaigns active there, its networks and welcome offer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
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
    """The facts, cards and comparison are computed at once; the breakdowns, campaigns and
    networks when a tab (or the PDF) first asks for them, since the page shows one tab at a time."""

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
    unusual_years: tuple[int, ...]  # flagged town-years of the period (data quality)
    comparison: pd.DataFrame  # level, label, inflow, outflow, net and each per 1,000 (town, district, region)
    yearly: pd.DataFrame  # year, inflow, outflow, net and per 1,000 (the town, all years of data)
    rank_net_per_1000: int  # 1 = highest saldo per 1,000 among the 59 in the period
    db: Path = field(repr=False)
    reference: Reference = field(repr=False)

    @property
    def has_data(self) -> bool:
        return bool(self.comparison["has_data"].iloc[0])

    @property
    def _period_end(self) -> dt.date:
        return dt.date(self.year_to, 12, 31)

    @cached_property
    def _by_age(self) -> pd.DataFrame:
        with reader(self.db) as con:
            return migration.flows_by_age(con, self.year_from, self.year_to, ALL_MONTHS, [self.ags], whole_region=False)

    @cached_property
    def target_groups(self) -> pd.DataFrame:
        """target_group, inflow, outflow, net, missing_years (the period)"""
        return _period_totals(m.by_target_group(self._by_age, False), "target_group")

    @cached_property
    def origins(self) -> pd.DataFrame:
        """origin, inflow, outflow, net, missing_years (the period)"""
        with reader(self.db) as con:
            by_origin = migration.flows_by_origin(
                con, self.year_from, self.year_to, ALL_MONTHS, AGE_GROUPS, [self.ags], whole_region=False
            )
        return _period_totals(m.by_origin(by_origin, False), "origin")

    @cached_property
    def missing_reasons(self) -> tuple[str, ...]:
        """Why target groups or origins of some years are unknown."""
        return tuple(sorted(set(self._by_age.loc[self._by_age["persons"].isna(), "marker"].dropna())))

    @cached_property
    def campaigns(self) -> pd.DataFrame:
        """campaign_id, name, target_group, impressions, clicks, leads, impressions_per_1000"""
        with reader(self.db) as con:
            campaigns = fetch(con, "campaigns")
            activity = fetch(
                con, "campaign_activity_by_month", date_from=dt.date(self.year_from, 1, 1), date_to=self._period_end
            )
        return _campaigns(activity[activity["ags"] == self.ags], campaigns, self.reference, self.year_to)

    @cached_property
    def memberships(self) -> pd.DataFrame:
        """network, joined_on, left_on, active (at the end of the period)"""
        with reader(self.db) as con:
            membership = fetch(con, "network_membership")
        return _memberships(membership[membership["ags"] == self.ags], self._period_end)

    @cached_property
    def round_tables(self) -> tuple[int, int]:
        """editions attended, editions held (up to the end of the period)"""
        with reader(self.db) as con:
            editions = fetch(con, "round_table_editions")
            attendance = fetch(con, "round_table_attendance")
        return _round_tables(editions, attendance, self.ags, self._period_end)

    @cached_property
    def welcome_bags(self) -> pd.Series:
        """handed_out, inflow, coverage in the period (empty without bags)"""
        with reader(self.db) as con:
            bags = fetch(con, "welcome_bags_with_inflow")
        return _bags(bags, self.ags, self.year_from, self.year_to)


def profile(
    db: Path, reference: Reference, ags: str, year_from: int, year_to: int, unusual: pd.DataFrame | None = None
) -> Profile:
    """Raises KeyError for an AGS that is not one of the region's municipalities. `unusual`: the
    flagged town-years (service.inflow.unusual_town_years), computed here when not given."""
    town = reference.towns.set_index("ags").loc[ags]
    years = reference.years_with_registrations() or [year_from]
    first = min(years[0], year_from)
    with reader(db) as con:
        base = migration.base_table(con, reference, first, year_to)
    in_period = base[base["year"].between(year_from, year_to)]
    district_towns = reference.towns.loc[reference.towns["district"] == town["district"], "ags"]
    # the same definition on every level: the sums of the members' moves across their municipal
    # borders (a region's balance across its own border is the Zuzug page's), so the rates compare
    groups = {
        "town": in_period[in_period["ags"] == ags],
        "district": in_period[in_period["ags"].isin(district_towns)],
        "region": in_period,
    }
    comparison = pd.concat(
        [m.aggregate(rows, [], False).assign(level=level) for level, rows in groups.items()], ignore_index=True
    )
    comparison["label"] = [town["name"], town["district"], "Südwestfalen"]
    town_years = base[base["ags"] == ags]
    every_town = m.by_town(in_period, reference.towns)
    rank = every_town["net_per_1000"].rank(ascending=False, method="min")[every_town["ags"] == ags]
    latest = town_years[town_years["year"] == year_to]
    return Profile(
        ags=ags,
        name=town["name"],
        official_name=town["official_name"],
        district=town["district"],
        kind=town["kind"],
        area_km2=float(town["area_km2"]),
        year_from=year_from,
        year_to=year_to,
        population=float(latest["population"].iloc[0]) if not latest.empty else np.nan,
        population_is_estimate=bool(latest["is_estimate"].iloc[0]) if not latest.empty else True,
        population_basis=m.basis_of(in_period[in_period["ags"] == ags]),
        population_date=pd.Timestamp(latest["population_date"].iloc[0]).date()
        if not latest.empty and pd.notna(latest["population_date"].iloc[0])
        else None,
        population_kind=latest["population_kind"].iloc[0] if not latest.empty else None,
        unusual_years=_flagged(
            unusual if unusual is not None else unusual_town_years(db, reference), ags, year_from, year_to
        ),
        comparison=comparison,
        yearly=m.aggregate(town_years, ["year"]),
        rank_net_per_1000=int(rank.iloc[0]) if not rank.empty and pd.notna(rank.iloc[0]) else 0,
        db=db,
        reference=reference,
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
