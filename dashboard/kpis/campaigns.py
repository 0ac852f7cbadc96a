"""Campaign reach, click rate, cost per click and per lead, reach per 1,000 inhabitants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.kpis.glossary import defines
from dashboard.kpis.migration import population_for

MEASURES = ["impressions", "clicks", "leads", "spend_eur"]


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.replace(0, np.nan)


@defines("campaign_reach")
def reach(activity: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Sums and ratios of campaign activity grouped by `by` (e.g. campaign_id, channel, month)."""
    if activity.empty:
        return pd.DataFrame(columns=[*by, *MEASURES, "click_rate", "cost_per_click_eur", "cost_per_lead_eur"])
    table = (
        activity.groupby(by, dropna=False)[MEASURES].sum().reset_index()
        if by
        else (activity[MEASURES].sum().to_frame().T)
    )
    table["click_rate"] = _ratio(table["clicks"], table["impressions"])
    table["cost_per_click_eur"] = _ratio(table["spend_eur"], table["clicks"])
    table["cost_per_lead_eur"] = _ratio(table["spend_eur"], table["leads"])
    return table


@defines("campaign_reach")
def reach_per_1000(activity: pd.DataFrame, population: pd.DataFrame, year: int) -> pd.DataFrame:
    """Impressions per 1,000 inhabitants per town (ags, impressions, impressions_per_1000);
    region-wide rows (ags missing) are left out here and reported separately."""
    local = activity.dropna(subset=["ags"])
    if local.empty:
        return pd.DataFrame(columns=["ags", "impressions", "impressions_per_1000"])
    table = local.groupby("ags")["impressions"].sum().reset_index()
    inhabitants = population_for(population, table["ags"], [year])
    table = table.merge(inhabitants[["ags", "persons"]], on="ags", how="left")
    table["impressions_per_1000"] = _ratio(table["impressions"], table["persons"]) * 1000
    return table[["ags", "impressions", "impressions_per_1000"]]


def region_wide(activity: pd.DataFrame) -> pd.DataFrame:
    """The activity not attributable to one town."""
    return activity[activity["ags"].isna()]


def campaign_towns(activity: pd.DataFrame, campaign_ids: Collection[str]) -> list[str]:
    return sorted(activity.loc[activity["campaign_id"].isin(campaign_ids), "ags"].dropna().unique())


FUNNEL_STAGES = ["impressions", "clicks", "leads", "participants", "matches"]


@defines("campaign_reach")
def funnel(activity: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """campaign_id, stage, value: impressions → clicks → leads, then event participants → matches
    for campaigns with events."""
    rows = []
    for campaign, group in activity.groupby("campaign_id"):
        rows += [(campaign, stage, float(group[stage].sum())) for stage in FUNNEL_STAGES[:3]]
    for campaign, group in events.groupby("campaign_id"):
        rows += [(campaign, stage, float(group[stage].sum())) for stage in FUNNEL_STAGES[3:]]
    table = pd.DataFrame(rows, columns=["campaign_id", "stage", "value"])
    order = {stage: index for index, stage in enumerate(FUNNEL_STAGES)}
    return table.sort_values(
        ["campaign_id", "stage"], key=lambda s: s.map(order) if s.name == "stage" else s
    ).reset_index(drop=True)


def _days_in_year(start: dt.date, end: dt.date, year: int) -> int:
    first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
    return max((last - first).days + 1, 0)


def budget_vs_spend(campaigns: pd.DataFrame, activity: pd.DataFrame, data_end: dt.date) -> pd.DataFrame:
    """campaign_id, year, planned_eur, spend_eur, spend_share: the budget spread evenly over the
    campaign's days (an open-ended campaign up to the end of the data) against actual spend."""
    spend = (
        activity.assign(year=pd.to_datetime(activity["month"]).dt.year)
        .groupby(["campaign_id", "year"])["spend_eur"]
        .sum()
    )
    rows = []
    for c in campaigns.itertuples():
        start = pd.Timestamp(c.start_date).date()
        end = pd.Timestamp(c.end_date).date() if pd.notna(c.end_date) else data_end
        days = (end - start).days + 1
        for year in range(start.year, end.year + 1):
            planned = c.budget_eur * _days_in_year(start, end, year) / days
            rows.append((c.campaign_id, year, planned, float(spend.get((c.campaign_id, year), 0.0))))
    table = pd.DataFrame(rows, columns=["campaign_id", "year", "planned_eur", "spend_eur"])
    table["spend_share"] = table["spend_eur"] / table["planned_eur"].replace(0, np.nan)
    return table
